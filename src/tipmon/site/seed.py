"""Seed content: the page tree of a fresh site, with the office's own text.

Idempotent: a page is created only where none has its address yet, and the home page's
text is filled in only while it is empty, so editors' changes are never overwritten.
Every page is published through a revision, as an editor's would be.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction

from tipmon.core.navigation import CMS_SECTIONS
from tipmon.site.models import (
    CompactPartnershipsPage,
    CouncilsPage,
    DomesticWorkersPage,
    HomePage,
    InternationalProgramsPage,
    NewsIndexPage,
    NewsKind,
    NewsPage,
    PolicyIssuePage,
    StandardPage,
)
from tipmon.site.setup import SetupReport, home_page, setup_moderation

MISSION = (
    "We assess how every government confronts trafficking in persons, rank their efforts "
    "against the minimum standards of the Trafficking Victims Protection Act, fund partners "
    "who protect survivors and prosecute traffickers, and publish the record with its sources."
)
LINES = [
    (
        "Prosecution",
        "Laws that criminalise every form of trafficking, and investigators, "
        "prosecutors and judges who apply them.",
    ),
    (
        "Protection",
        "Finding victims, giving them shelter, care and legal status, and never "
        "punishing them for what traffickers made them do.",
    ),
    (
        "Prevention",
        "Fair recruitment, labour inspection and awareness that reduce the risk "
        "before anyone is exploited.",
    ),
    (
        "Partnership",
        "Work with survivors, civil society, business and other governments, "
        "because no one institution can end trafficking alone.",
    ),
]


def _p(*paragraphs: str) -> str:
    return "".join(f"<p>{text}</p>" for text in paragraphs)


@dataclass(frozen=True)
class Spec:
    model: type[Any]
    slug: str
    title: str
    summary: str
    body: str
    extra: dict[str, Any] = field(default_factory=dict)
    children: tuple[Spec, ...] = ()


NEWS = (
    Spec(
        NewsPage,
        "country-record-open-data",
        "The country record is now open data",
        "Tier placements since 2001 and the global law-enforcement tallies can be downloaded "
        "as CSV with a data dictionary.",
        _p(
            "Every placement since the first report, the statutory lists and the global "
            "prosecution and conviction tallies are now published as open data files.",
            "Each file names its producer, edition and licence, and carries a checksum so "
            "that anyone can check that the copy they hold is the one we published.",
        ),
        {"date": date(2026, 3, 2), "kind": NewsKind.PRESS_RELEASE, "tags": ["open data", "tiers"]},
    ),
    Spec(
        NewsPage,
        "model-documents-domestic-workers",
        "Model documents for domestic workers in six languages",
        "Employers and workers can generate a contract, a statement of rights and a pay "
        "record that keep the passport with the worker and charge no recruitment fee.",
        _p(
            "Domestic workers employed by diplomats and international staff are among the "
            "most isolated workers. A clear written contract in a language the worker reads "
            "is one of the simplest protections.",
            "The new form produces the documents in English, Spanish, French, Arabic, Tagalog "
            "and Indonesian. It refuses terms that would breach the model standards.",
        ),
        {
            "date": date(2026, 2, 10),
            "kind": NewsKind.NEWS,
            "tags": ["domestic workers", "partnership"],
        },
    ),
    Spec(
        NewsPage,
        "survivor-council-call",
        "Survivor advisory council: call for members",
        "The council that advises on policy from lived experience is accepting "
        "applications for members.",
        _p(
            "Members serve a term of two years and advise on the report, on grants and on "
            "how federal agencies identify and support victims.",
            "A member's name and biography are published only with their recorded consent.",
        ),
        {"date": date(2026, 1, 20), "kind": NewsKind.NEWS, "tags": ["councils", "survivors"]},
    ),
)

POLICY = (
    Spec(
        PolicyIssuePage,
        "forced-labour",
        "Forced labour",
        "Most victims identified worldwide are exploited for their work: in farms, "
        "factories, fishing fleets, construction and private homes.",
        _p(
            "Forced labour often begins with deception during recruitment and is held in "
            "place by debt, confiscated documents or threats against family.",
            "We ask governments to inspect workplaces, prosecute labour trafficking as "
            "vigorously as sex trafficking, and keep goods made with forced labour out of "
            "supply chains.",
        ),
    ),
    Spec(
        PolicyIssuePage,
        "recruitment-fees",
        "Recruitment fees and debt bondage",
        "A worker who pays to get a job can be held by the debt. Fair recruitment means "
        "the employer pays.",
        _p(
            "Fees charged to workers, inflated transport or housing costs and wage "
            "deductions can turn a job into bondage.",
            "The model standards we promote put every recruitment cost on the employer and "
            "keep identity documents with the worker.",
        ),
    ),
    Spec(
        PolicyIssuePage,
        "child-soldiers",
        "Child soldiers",
        "Recruiting or using children in armed forces or groups is a form of trafficking; "
        "some governments that do so face restrictions on security assistance.",
        _p(
            "Each year's report lists the governments whose forces or supported groups "
            "recruited or used child soldiers.",
            "We work with partners on the release and reintegration of children, and on "
            "accountability for those who recruit them.",
        ),
    ),
)

SECTIONS = (
    Spec(
        NewsIndexPage,
        CMS_SECTIONS["latest"],
        "The Latest",
        "News and press releases from the office.",
        "",
        children=NEWS,
    ),
    Spec(
        StandardPage,
        CMS_SECTIONS["policy-issues"],
        "Policy issues",
        "The forms of trafficking and the policies we work on with governments and partners.",
        _p(
            "Each page sets out what the problem is, what we ask of governments and where "
            "to find the evidence in the country record."
        ),
        children=POLICY,
    ),
    Spec(
        InternationalProgramsPage,
        CMS_SECTIONS["programs"],
        "International programs",
        "Foreign assistance that builds governments' and civil society's capacity to "
        "prosecute traffickers, protect victims and prevent trafficking.",
        _p(
            "We fund projects where the country assessments show a need and a government "
            "willing to act. Below is the record of US anti-trafficking grants, year by year, "
            "from the public grants dataset."
        ),
    ),
    Spec(
        CompactPartnershipsPage,
        CMS_SECTIONS["compacts"],
        "Child Protection Compact partnerships",
        "Multi-year partnerships with governments that commit their own resources to "
        "reducing child trafficking.",
        _p(
            "A compact is a jointly written plan: the partner government commits budget, "
            "staff and reforms, and we commit assistance for the same years.",
            "Only compacts that have been signed appear here, with their public terms.",
        ),
    ),
    Spec(
        CouncilsPage,
        CMS_SECTIONS["councils"],
        "Advisory councils",
        "Two councils advise the office: one of survivors of trafficking, one of private "
        "companies and civil society.",
        _p(
            "The survivor advisory council brings lived experience to policy, grants and "
            "the report. The public-private partnership council brings business and "
            "civil society together on supply chains and recruitment.",
            "Their members, meetings, recommendations and the agencies' responses are "
            "published on the councils' own pages.",
        ),
    ),
    Spec(
        DomesticWorkersPage,
        CMS_SECTIONS["domestic-workers"],
        "Protections for domestic workers",
        "Rights and model documents for domestic workers employed by diplomats and "
        "international organisation staff.",
        _p(
            "A domestic worker keeps their own passport, is paid at least the agreed wage for "
            "every hour worked, has weekly rest days and never pays a recruitment fee.",
            "The model documents put those terms in writing, in the worker's language.",
        ),
    ),
)


@dataclass(frozen=True, slots=True)
class SeedReport:
    setup: SetupReport
    created: list[str]


def _publish(parent: Any, spec: Spec, created: list[str]) -> Any:
    page = parent.get_children().filter(slug=spec.slug).first()
    if page is None:
        extra = dict(spec.extra)
        tags = extra.pop("tags", [])
        page = spec.model(
            title=spec.title,
            slug=spec.slug,
            summary=spec.summary,
            body=spec.body,
            show_in_menus=parent.depth == 2,
            **extra,
        )
        parent.add_child(instance=page)
        if tags:
            page.tags.add(*tags)
        page.save_revision().publish()
        created.append(page.url_path)
    else:
        page = page.specific
    for child in spec.children:
        _publish(page, child, created)
    return page


@transaction.atomic
def seed_site() -> SeedReport:
    setup = setup_moderation()
    home: HomePage = home_page()
    created: list[str] = []
    if not home.mission:
        home.mission = MISSION
        home.summary = "The record of governments' efforts against trafficking in persons."
        home.lines_of_effort = [("line", {"name": n, "summary": s}) for n, s in LINES]
        home.programs_intro = (
            "We target foreign assistance where the assessments show both a need and a "
            "government willing to act."
        )
        home.save_revision().publish()
        created.append(home.url_path)
    for spec in SECTIONS:
        _publish(home, spec, created)
    return SeedReport(setup, created)
