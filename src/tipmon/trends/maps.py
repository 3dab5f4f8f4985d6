"""The bundled world boundaries (Natural Earth via world-atlas, public domain)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

MAP_STATIC_PATH = "tipmon/map/world-50m.topo.json"
MAP_FILE = Path(__file__).resolve().parents[1] / "static" / MAP_STATIC_PATH
MAP_SOURCE = (
    "Boundaries: Natural Earth 1:50m (public domain), via the world-atlas package. "
    "Boundaries shown do not imply endorsement."
)


@cache
def mapped_iso3() -> frozenset[str]:
    """ISO 3166-1 alpha-3 codes that have a shape in the bundled map."""
    topology = json.loads(MAP_FILE.read_text(encoding="utf-8"))
    geometries = topology["objects"]["countries"]["geometries"]
    return frozenset(g["properties"]["iso3"] for g in geometries if g["properties"].get("iso3"))
