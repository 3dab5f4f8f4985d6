"""Query parameters shared by API v1 routes."""

from __future__ import annotations

from typing import Literal

from ninja import Field, Schema

from tipmon.countries.models import Bureau


class ListParams(Schema):
    page: int = Field(1, ge=1, description="Page number, from 1")
    page_size: int = Field(100, ge=1, le=500, description="Items per page (1-500)")
    format: Literal["json", "csv"] = Field("json", description="json, or csv for a download")


class DownloadParams(Schema):
    format: Literal["json", "csv"] = Field("json", description="json, or csv for a download")


#: The tier names and slugs a request may use.
TIER_PATTERN = "^(1|2|2wl|3|special|Tier 1|Tier 2|Tier 2 Watch List|Tier 3|Special Case)$"


class TierFilter(Schema):
    tier: str | None = Field(
        None, description="Tier label or slug: 1, 2, 2wl, 3, special", pattern=TIER_PATTERN
    )
    region: Bureau | None = Field(None, description="State Department regional bureau")
