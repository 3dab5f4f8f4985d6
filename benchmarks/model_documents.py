"""Domestic workers' model documents: server time to generate one document, and the package.

Builds its own throwaway database (the bundled data, for the countries of the form), then
posts the public form at /domestic-workers/ through Django's test client, so the time is the
whole request on the server: form, model-standards check, translation, layout. For each of
English and Arabic (right to left) it times one document (the employment contract, the
longest) and the whole package of five, as PDF (WeasyPrint) and as DOCX (python-docx).
Reports medians of wall-clock and of CPU time (the process's own, which other programs on a
busy machine do not inflate; a request runs on one thread), and the PDF/DOCX ratio in the
same run. Target: one document as PDF under 300 ms median.

    .venv/bin/python benchmarks/model_documents.py [--repeat 15]
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import tempfile
import time
from collections.abc import Callable

from throwaway import plain_static_files
from timing import timed_ms

FORM = {
    "employer_name": "Rima Haddad",
    "employer_address": "12 Rue Gouraud, Beirut",
    "worker_name": "Maria Santos",
    "country": "LBN",
    "wage": "450",
    "currency": "USD",
    "wage_period": "month",
    "hours_per_day": "8",
    "hours_per_week": "48",
    "rest_days": "1",
    "annual_leave_days": "18",
    "passport_holder": "worker",
    "fees_paid_by": "employer",
    "start": "2026-01-05",
    "end": "",
    "duties": "Cooking, cleaning and laundry",
    "accommodation": "live_in",
}
TARGET_MS = 300


def cpu_ms(call: Callable[[], object], repeat: int) -> list[float]:
    """CPU milliseconds of this process for each of ``repeat`` calls."""
    samples = []
    for _ in range(repeat):
        start = time.process_time()
        call()
        samples.append((time.process_time() - start) * 1000)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    os.environ["TIPMON_VAR_DIR"] = tempfile.mkdtemp(prefix="tipmon-documents-bench-")
    os.environ.pop("TIPMON_DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tipmon.settings")
    import django

    django.setup()
    logging.getLogger("django.request").setLevel(logging.ERROR)
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    plain_static_files()
    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", verbosity=0)
    with open(os.devnull, "w") as quiet:
        call_command("data", "load", stdout=quiet)
    client = Client()

    def generate(language: str, document: str, fmt: str) -> Callable[[], object]:
        data = {**FORM, "language": language, "document": document, "format": fmt}

        def call() -> object:
            response = client.post("/domestic-workers/", data)
            assert response.status_code == 200, response.status_code
            return response

        call()  # warm up: fonts, catalogs and templates are loaded once per process
        return call

    print(f"{'request':<22} {'runs':>4} {'wall ms':>8} {'p90 ms':>7} {'CPU ms':>7} {'PDF/DOCX':>9}")
    medians: dict[str, float] = {}
    for language in ("en", "ar"):
        for document, label in (("contract", "contract"), ("", "package")):
            for fmt in ("docx", "pdf"):
                call = generate(language, document, fmt)
                samples = timed_ms(call, args.repeat)
                cpu = statistics.median(cpu_ms(call, args.repeat))
                name = f"{language} {label} {fmt}"
                medians[name] = median = statistics.median(samples)
                p90 = sorted(samples)[int(0.9 * (len(samples) - 1))]
                ratio = f"{median / medians[name[:-3] + 'docx']:.1f}" if fmt == "pdf" else ""
                print(
                    f"{name:<22} {len(samples):>4} {median:>8.1f} {p90:>7.1f} {cpu:>7.1f} "
                    f"{ratio:>9}"
                )
    worst = max(medians["en contract pdf"], medians["ar contract pdf"])
    verdict = "met" if worst < TARGET_MS else "MISSED"
    print(f"target: one document as PDF under {TARGET_MS} ms median: {verdict} ({worst:.0f} ms)")
    print(f"load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
