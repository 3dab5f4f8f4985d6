"""The whole published report for every covered country (about 190): HTML and PDF build time.

Builds its own throwaway database (bundled data, a 2026 cycle with a drafted narrative per
country, approved and published), then times the whole-report HTML page and the PDF.
Reports medians and ratios against a baseline in the same run (the 2025 tier-list page).
Targets: HTML under 30 s, PDF under 3 minutes.

    .venv/bin/python benchmarks/report_build.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import tempfile
from collections.abc import Callable

from throwaway import plain_static_files
from timing import timed_ms


def seconds(call: Callable[[], object], repeat: int) -> list[float]:
    return [ms / 1000 for ms in timed_ms(call, repeat)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    os.environ["TIPMON_VAR_DIR"] = tempfile.mkdtemp(prefix="tipmon-report-bench-")
    os.environ.pop("TIPMON_DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tipmon.settings")
    import django

    django.setup()
    logging.getLogger("django.request").setLevel(logging.ERROR)
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.test import Client

    plain_static_files()
    settings.ALLOWED_HOSTS = ["testserver"]
    # Server time to build each answer: the public cache (load_pages.py measures it) stays off.
    settings.TIPMON_CACHE_ENTRIES = 0  # read when the client builds its middleware
    call_command("migrate", verbosity=0)
    with open(os.devnull, "w") as quiet:
        call_command("data", "load", stdout=quiet)

    from tipmon.assessments.models import CountryAssessment, CycleMember, Role, State
    from tipmon.assessments.publication import publish_cycle
    from tipmon.assessments.services import draft_narrative, open_cycle
    from tipmon.publishing.pdf import report_pdf
    from tipmon.publishing.services import report

    cycle = open_cycle(2026)
    approver = User.objects.create_user("bench-approver")
    CycleMember.objects.create(cycle=cycle, user=approver, role=Role.APPROVER)
    items = list(CountryAssessment.objects.filter(cycle=cycle).select_related("country", "cycle"))
    for item in items:
        item.proposed_tier = item.final_tier = "Tier 2"
        item.narrative = draft_narrative(item)
        item.state = State.APPROVED
    CountryAssessment.objects.bulk_update(
        items, ["proposed_tier", "final_tier", "narrative", "state"]
    )
    publish_cycle(cycle, approver)
    client = Client()

    def get(url: str) -> Callable[[], object]:
        def call() -> object:
            response = client.get(url)
            assert response.status_code == 200, url
            return response

        return call

    results = {
        "baseline_tier_list": seconds(get("/tiers/2025"), args.repeat),
        "report_html": seconds(get("/reports/2026/"), args.repeat),
        "report_pdf": seconds(lambda: report_pdf(report(2026)), args.repeat),
    }
    pages = len(
        __import__("pypdf").PdfReader(__import__("io").BytesIO(report_pdf(report(2026)))).pages
    )
    base = statistics.median(results["baseline_tier_list"])
    print(f"{len(items)} countries; PDF of {pages} pages")
    print(f"{'build':<20} {'runs':>4} {'median s':>9} {'max s':>7} {'x baseline':>11}")
    for name, samples in results.items():
        median = statistics.median(samples)
        ratio = median / base
        print(f"{name:<20} {len(samples):>4} {median:>9.3f} {max(samples):>7.3f} {ratio:>11.1f}")
    print("targets: report_html under 30 s; report_pdf under 180 s")


if __name__ == "__main__":
    main()
