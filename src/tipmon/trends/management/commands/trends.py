"""``tipmon trends import``: an alias of ``tipmon data import`` (see importers.command).

``tipmon trends forecast``: next year's tier per country and the backtest (docs/forecast.md).
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tipmon.countries.services import forecast_model
from tipmon.trends.forecast.report import (
    PREDICTION_HEADER,
    backtest_json,
    backtest_lines,
    prediction_line,
    predictions_json,
)
from tipmon.trends.importers.command import HELP, add_import_arguments, run_import


class Command(BaseCommand):
    help = (
        "Work with the trends data: import a file downloaded from its publisher; forecast "
        "next year's tier."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        importer = sub.add_parser("import", help=f"{HELP} Same as `tipmon data import`.")
        add_import_arguments(importer)
        forecast = sub.add_parser(
            "forecast",
            help="Next year's tier for each country (a statistical estimate), and with "
            "--backtest the model's accuracy against 'same tier as last year'.",
        )
        forecast.add_argument("--backtest", action="store_true", help="Print the backtest.")
        forecast.add_argument("--country", metavar="ISO3", help="Only this country's forecast.")
        forecast.add_argument("--json", action="store_true", help="Print JSON instead of text.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "import":
            run_import(self, options)
        elif options["action"] == "forecast":
            self._forecast(options["backtest"], options["country"], as_json=options["json"])

    def _forecast(self, with_backtest: bool, country: str | None, *, as_json: bool) -> None:
        model = forecast_model()
        if model is None:
            raise CommandError("No placement is recorded: run `tipmon data load` first.")
        outlook = model.outlook
        chosen = sorted(outlook.predictions.items())
        if country:
            chosen = [(iso3, p) for iso3, p in chosen if iso3 == country.upper()]
            if not chosen:
                raise CommandError(
                    f"No forecast for {country!r}: it has no placement in the "
                    f"{outlook.year - 1} report (or is not a country code)."
                )
        if as_json:
            data = {"year": outlook.year, "trained_on": outlook.trained_on,
                    "forecasts": predictions_json(chosen)}  # fmt: skip
            if with_backtest:
                data["backtest"] = backtest_json(model.backtest)
            self.stdout.write(json.dumps(data, indent=2))
            return
        if with_backtest:
            for line in backtest_lines(model.backtest):
                self.stdout.write(line)
            self.stdout.write("")
        self.stdout.write(
            f"Forecast for the {outlook.year} report ({outlook.trained_on:,} past country-years; "
            "a statistical estimate, not an assessment):"
        )
        self.stdout.write(PREDICTION_HEADER)
        for iso3, prediction in chosen:
            self.stdout.write(prediction_line(iso3, prediction))
