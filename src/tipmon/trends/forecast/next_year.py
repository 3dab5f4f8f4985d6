"""The forecast for the report after the latest one, trained on every year recorded."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from tipmon.trends.forecast.backtest import examples
from tipmon.trends.forecast.features import CountryRecord, features_by_year
from tipmon.trends.forecast.model import ALPHA, Prediction, predict, train


@dataclass(frozen=True, slots=True)
class Outlook:
    """Predictions for report ``year`` of every country placed in ``year - 1``."""

    year: int
    trained_on: int  # past country-years the model counted
    predictions: dict[str, Prediction]


def forecast(records: Iterable[CountryRecord], alpha: float = ALPHA) -> Outlook:
    """Train on every recorded report year and predict the next one."""
    records = list(records)
    latest = max((y for r in records for y in r.placements), default=None)
    if latest is None:
        raise ValueError("no placement is recorded: there is nothing to forecast from")
    model = train(examples(records, latest), trained_through=latest, alpha=alpha)
    year = latest + 1
    predictions = {}
    for record in sorted(records, key=lambda r: r.iso3):
        features = features_by_year(record, [year]).get(year)
        if features is not None:
            predictions[record.iso3] = predict(model, features)
    return Outlook(year, model.examples, predictions)
