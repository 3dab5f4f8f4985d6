"""The need score and the shares of need, staff time and money (pure core)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tipmon.assistance import resource_shares as rs

BUREAUS = {"AF": "Africa", "EAP": "East Asia and Pacific", "WHA": "Western Hemisphere"}
TIERS = [None, *rs.TIER_POINTS]


def test_a_tier_3_country_facing_nothing_else_scores_3() -> None:
    country = rs.CountryNeedIn("PRK", "North Korea", "EAP", "Tier 3")
    assert rs.score(country, None).points == 3


def test_a_watch_list_country_facing_the_downgrade_with_many_victims_scores_4() -> None:
    country = rs.CountryNeedIn("XYZ", "Somewhere", "AF", "Tier 2 Watch List", True, 5_000)
    scored = rs.score(country, victims_threshold=1_000)
    assert scored.points == 4
    assert scored.reasons == (
        "Tier 2 Watch List: 2",
        "facing the automatic downgrade: +1",
        "5,000 victims detected (top quarter): +1",
    )


def test_the_victims_threshold_is_the_upper_quartile_by_nearest_rank() -> None:
    assert rs.quantile([10, 20, 30, 40], 0.75) == 30
    assert rs.quantile([7], 0.75) == 7
    assert rs.quantile([], 0.75) is None


countries = st.lists(
    st.builds(
        rs.CountryNeedIn,
        iso3=st.text("ABCDEFGH", min_size=3, max_size=3),
        name=st.text("abc", min_size=1, max_size=4),
        bureau=st.sampled_from(sorted(BUREAUS)),
        tier=st.sampled_from(TIERS),
        facing_downgrade=st.booleans(),
        victims=st.one_of(st.none(), st.integers(0, 10_000)),
    ),
    max_size=30,
    unique_by=lambda c: c.iso3,
)
amounts = st.lists(
    st.builds(
        rs.Amount,
        value=st.floats(0, 1e7, allow_nan=False),
        iso3=st.one_of(st.none(), st.text("ABCDEFGH", min_size=3, max_size=3)),
        bureau=st.one_of(st.none(), st.sampled_from(sorted(BUREAUS))),
    ),
    max_size=20,
)


@given(countries=countries, staff=amounts, money=amounts)
def test_every_share_column_sums_to_one_or_is_empty(
    countries: list[rs.CountryNeedIn], staff: list[rs.Amount], money: list[rs.Amount]
) -> None:
    result = rs.compare(countries, staff, money, BUREAUS, top=5)
    for rows in (result.bureaus, result.countries):
        for column in ("need", "staff", "money"):
            total = sum(getattr(r, column) for r in rows)
            assert total == pytest.approx(1) or total == 0
    assert len(result.countries) <= 6
    assert result.countries[-1].label == rs.OTHERS
    placed = sum(a.value for a in staff if a.iso3 or a.bureau)
    assert result.unplaced_fte == pytest.approx(sum(a.value for a in staff) - placed, abs=1e-6)
