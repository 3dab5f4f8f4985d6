"""Update a bundled table's sidecar checksum after an edit you have recorded in its provenance.

.venv/bin/python scripts/reseal.py stated_totals [tier_placements ...]
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

BUNDLED = Path(__file__).resolve().parents[1] / "src" / "tipmon" / "data" / "bundled"

for key in sys.argv[1:]:
    csv_path = BUNDLED / f"{key}.csv"
    meta_path = BUNDLED / f"{key}.meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["sha256"] = hashlib.sha256(csv_path.read_bytes()).hexdigest()
    meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{key}: {meta['sha256']}")
