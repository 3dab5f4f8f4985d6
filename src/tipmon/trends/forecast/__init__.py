"""Next year's tier from what is known a year earlier, with an honest backtest.

Pure Python with no Django import: dataclasses in (``CountryRecord``: placements and UNODC
figures), dataclasses out (``Prediction``, ``Backtest``, ``Outlook``). The Watch List clock
comes from the tier engine, ``tipmon.tiers.rules``. See docs/forecast.md.
"""

from tipmon.trends.forecast.backtest import (
    FIRST_BACKTEST_YEAR,
    Backtest,
    CalibrationBin,
    Comparison,
    Scored,
    Scores,
    YearResult,
    backtest,
    examples,
    macro_f1,
)
from tipmon.trends.forecast.features import (
    LAW_INDICATORS,
    UNODC_LAG,
    ClockState,
    CountryRecord,
    Features,
    Figure,
    Trend,
    features_by_year,
    law_enforcement_trend,
)
from tipmon.trends.forecast.model import ALPHA, Example, Model, Prediction, predict, train
from tipmon.trends.forecast.next_year import Outlook, forecast

__all__ = [
    "ALPHA", "FIRST_BACKTEST_YEAR", "LAW_INDICATORS", "UNODC_LAG", "Backtest", "CalibrationBin",
    "ClockState", "Comparison", "CountryRecord", "Example", "Features", "Figure", "Model",
    "Outlook", "Prediction", "Scored", "Scores", "Trend", "YearResult", "backtest", "examples",
    "features_by_year", "forecast", "law_enforcement_trend", "macro_f1", "predict", "train",
]  # fmt: skip
