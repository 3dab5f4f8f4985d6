"""The forecast core on small synthetic histories: behaviour, no leakage, properties, purity."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tipmon.tiers.rules import Tier
from tipmon.trends.forecast import (
    ClockState,
    CountryRecord,
    Figure,
    Trend,
    backtest,
    examples,
    features_by_year,
    forecast,
    law_enforcement_trend,
    macro_f1,
    predict,
    train,
)

T1, T2, WL, T3, SC = (
    Tier.TIER_1, Tier.TIER_2, Tier.TIER_2_WATCH_LIST, Tier.TIER_3, Tier.SPECIAL_CASE,
)  # fmt: skip
FORECAST = Path(__file__).resolve().parents[2] / "src" / "tipmon" / "trends" / "forecast"
PROSECUTED, CONVICTED = "Persons prosecuted", "Persons convicted"


def record(iso3: str, start: int, *tiers: Tier | None, figures: tuple[Figure, ...] = ()) -> (
    CountryRecord
):  # fmt: skip
    placed = {start + i: t for i, t in enumerate(tiers) if t is not None}
    return CountryRecord(iso3, placed, figures)


def features(rec: CountryRecord, year: int) -> ClockState:
    return features_by_year(rec, [year])[year].clock


def test_the_forecast_package_imports_no_django() -> None:
    for path in FORECAST.glob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            )  # fmt: skip
            assert not any(n.split(".")[0] == "django" for n in names), path.name


def test_it_reads_the_watch_list_clock_from_the_tier_engine() -> None:
    # Histories start on Tier 2: before a first placement the engine counts years as gaps.
    # Two Watch List years: a third needs a waiver; after the one waiver year of the 2019
    # regime, a fourth is barred; under the 2009-2018 regime a fourth still takes a waiver.
    modern = record("AAA", 2018, T2, WL, WL, WL)
    assert features(modern, 2021) == ClockState.WAIVER
    assert features(modern, 2022) == ClockState.BARRED
    older = record("BBB", 2009, T2, WL, WL, WL)
    assert features(older, 2013) == ClockState.WAIVER
    assert features(record("CCC", 2010, T2, WL), 2012) == ClockState.FREE
    # Before 2009 there is no automatic downgrade: any run is free.
    assert features(record("DDD", 2004, WL, WL, WL), 2007) == ClockState.FREE
    # A gap in the run makes the count uncertain rather than barred.
    assert features(record("EEE", 2018, T2, WL, None, WL, WL, WL), 2024) == ClockState.UNCERTAIN


def test_it_marks_the_single_re_entry_year_after_a_downgrade() -> None:
    downgraded = record("AAA", 2018, T2, WL, WL, WL, T3)  # waiver in 2021, Tier 3 in 2022
    assert features(downgraded, 2023) == ClockState.REENTRY


def _clock_world() -> list[CountryRecord]:
    """Past countries: after one Watch List year most stay; after two most move off."""
    world = []
    for i in range(12):
        world.append(record(f"S{i:02}", 2019, T2, WL, WL if i < 9 else T2))
        world.append(record(f"L{i:02}", 2019, WL, WL, T2 if i < 9 else WL))
    return world


def test_a_second_watch_list_year_is_predicted_away_from_a_third_under_the_2019_regime() -> None:
    model = train(examples(_clock_world(), 2021), trained_through=2021)
    two_years = features_by_year(record("NEW", 2022, WL, WL), [2024])[2024]
    one_year = features_by_year(record("ONE", 2022, T2, WL), [2024])[2024]
    assert two_years.clock == ClockState.WAIVER
    away = predict(model, two_years)
    assert away.top == T2
    assert away.probability(WL) < 0.5
    assert predict(model, one_year).top == WL


def test_it_gives_no_probability_to_a_watch_list_year_the_statute_bars() -> None:
    world = [record(f"W{i}", 2018, T2, WL, WL, WL, WL) for i in range(5)]  # never downgraded
    model = train(examples(world, 2022), trained_through=2022)
    barred = features_by_year(record("BAR", 2018, T2, WL, WL, WL), [2022])[2022]
    assert barred.clock == ClockState.BARRED
    assert predict(model, barred).probability(WL) == 0.0


def test_it_predicts_nothing_for_a_country_not_placed_the_year_before() -> None:
    outlook = forecast([record("AAA", 2020, T1, T1, T1), record("GAP", 2020, T2, T2, None)])
    assert outlook.year == 2023
    assert set(outlook.predictions) == {"AAA"}


def test_a_rise_from_a_censored_count_is_a_rise_and_a_fall_to_one_is_a_fall() -> None:
    rise = (Figure(2016, PROSECUTED, None), Figure(2017, PROSECUTED, 40))
    fall = (Figure(2016, CONVICTED, 40), Figure(2017, CONVICTED, None))
    both_small = (Figure(2016, CONVICTED, None), Figure(2017, CONVICTED, None))
    assert law_enforcement_trend(rise, 2020) == Trend.UP
    assert law_enforcement_trend(fall, 2020) == Trend.DOWN
    assert law_enforcement_trend(both_small, 2020) == Trend.FLAT
    assert law_enforcement_trend(rise + fall, 2020) == Trend.FLAT


def test_it_ignores_figures_published_after_the_report() -> None:
    figures = (Figure(2016, PROSECUTED, 10), Figure(2017, PROSECUTED, 90))
    assert law_enforcement_trend(figures, 2020) == Trend.UP
    assert law_enforcement_trend(figures, 2019) == Trend.UNKNOWN  # 2017 data not yet out
    assert law_enforcement_trend(figures, 2024) == Trend.UNKNOWN  # too old to be a trend


def test_macro_f1_averages_over_the_tiers_that_occur() -> None:
    assert macro_f1([(T1, T1), (T2, T2)]) == 1.0
    assert macro_f1([(T1, T2), (T2, T1)]) == 0.0
    assert macro_f1([(T1, T1), (T1, T2)]) == pytest.approx((2 / 3 + 0) / 2)


# Random worlds for the properties.

TIERS = st.sampled_from([T1, T2, WL, T3, SC])
HISTORY = st.lists(st.one_of(st.none(), TIERS, TIERS, TIERS), min_size=6, max_size=14)
FIGURES = st.lists(
    st.builds(
        Figure, st.integers(2003, 2014), st.sampled_from([PROSECUTED, CONVICTED]),
        st.one_of(st.none(), st.integers(5, 500)),
    ),
    max_size=6,
)  # fmt: skip


@st.composite
def worlds(draw: st.DrawFn) -> list[CountryRecord]:
    n = draw(st.integers(2, 6))
    return [
        record(f"C{i:02}", 2003, *draw(HISTORY), figures=tuple(draw(FIGURES))) for i in range(n)
    ]


@settings(max_examples=60, deadline=None)
@given(world=worlds(), alpha=st.floats(0.1, 50))
def test_probabilities_are_between_0_and_1_and_sum_to_1(
    world: list[CountryRecord], alpha: float
) -> None:
    last = max((y for r in world for y in r.placements), default=2003)
    model = train(examples(world, last), trained_through=last, alpha=alpha)
    for rec in world:
        for f in features_by_year(rec, range(2004, last + 2)).values():
            p = predict(model, f)
            assert sum(v for _, v in p.probabilities) == pytest.approx(1.0)
            assert all(0.0 <= v <= 1.0 for _, v in p.probabilities)
            assert [v for _, v in p.probabilities] == sorted(
                (v for _, v in p.probabilities), reverse=True
            )
            assert {t for t, _ in p.probabilities} == set(Tier)


@settings(max_examples=40, deadline=None)
@given(world=worlds())
def test_the_forecast_is_deterministic_and_ignores_the_order_of_countries(
    world: list[CountryRecord],
) -> None:
    if not any(r.placements for r in world):
        return
    first, again, reversed_ = forecast(world), forecast(world), forecast(world[::-1])
    assert first == again == reversed_


@settings(max_examples=60, deadline=None)
@given(world=worlds(), year=st.integers(2006, 2014), data=st.data())
def test_changing_year_y_and_later_does_not_change_the_prediction_for_y(
    world: list[CountryRecord], year: int, data: st.DataObject
) -> None:
    """No leakage: rewrite every placement from Y on, and every UNODC figure a report of Y
    could not have known; the predictions made for Y stay the same."""
    changed = []
    for rec in world:
        later = {
            y: data.draw(TIERS) for y in range(year, year + 3) if rec.placements.get(y) is not None
        }
        figures = tuple(
            Figure(f.year, f.indicator, data.draw(st.one_of(st.none(), st.integers(5, 999))))
            if f.year > year - 3 else f
            for f in rec.figures
        )  # fmt: skip
        changed.append(CountryRecord(rec.iso3, {**rec.placements, **later}, figures))

    def predicted(records: list[CountryRecord]) -> list[tuple[str, Tier, float]]:
        result = backtest(records, first=year, last=year)
        return [(r.iso3, r.predicted, r.confidence) for r in result.rows]

    assert predicted(world) == predicted(changed)
