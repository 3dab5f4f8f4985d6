"""Tier list pages: one report year, grouped by tier."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from tipmon.core.errors import page_errors
from tipmon.core.params import bureau_param
from tipmon.countries.models import Bureau
from tipmon.tiers.services import report_year_range, tier_list
from tipmon.tiers.statute import year_statute


def latest(request: HttpRequest) -> HttpResponse:
    _, last = report_year_range()
    return redirect("tiers:year", year=last)


@page_errors
def year(request: HttpRequest, year: int) -> HttpResponse:
    bureau = bureau_param(request.GET.get("region"))
    result = tier_list(year, bureau=bureau)
    return render(
        request,
        "tiers/year.html",
        {
            "tier_list": result,
            "bureau": bureau,
            "bureaus": Bureau.choices,
            "years": range(result.first_year, result.last_year + 1),
        },
    )


STATUTE_SECTIONS = (
    ("special_watch_list", "Special Watch List",
     "Countries that need special scrutiny during the following year, with an interim "
     "assessment due by 1 February."),
    ("downgrade_next_year", "Automatic downgrade next year unless upgraded or waived",
     "Another Watch List year would trigger the automatic downgrade to Tier 3."),
    ("waivers", "Waivers of the automatic downgrade",
     "Inferred from the record: a third (or, before 2019, a fourth) consecutive Watch List "
     "year."),
    ("downgrades", "Automatic downgrades",
     "Placed on Tier 3 after two or more consecutive Watch List years."),
    ("reentries", "Re-entries", "Back on the Watch List after a downgrade: one year only."),
    ("action_plans", "Action plans due",
     "Upgraded out of Tier 3: an action plan is due within 180 days."),
    ("tier3_determinations", "Tier 3: presidential determinations",
     "Determinations on assistance are due 45 to 90 days after the report."),
    ("tier_changes", "Tier changes to explain",
     "The report must explain each change of list, linked to the minimum standards."),
    ("violations", "Placements the statute would not allow",
     "None is expected in real history; an entry here is a data problem or an open "
     "question, and says which."),
)  # fmt: skip


@page_errors
def statute(request: HttpRequest, year: int) -> HttpResponse:
    """The statute's lists for one report year, each entry with its rule and facts."""
    result = year_statute(year)
    first, last = report_year_range()
    return render(
        request,
        "tiers/statute.html",
        {
            "statute": result,
            "sections": [
                (
                    key,
                    title,
                    intro,
                    sorted(
                        (
                            (e.iso3, result.names.get(e.iso3, e.iso3), e.reason)
                            for e in getattr(result.lists, key)
                        ),
                        key=lambda item: item[1],
                    ),
                )
                for key, title, intro in STATUTE_SECTIONS
            ],
            "years": range(first, last + 1),
            "gap_count": len(result.lists.gaps),
        },
    )
