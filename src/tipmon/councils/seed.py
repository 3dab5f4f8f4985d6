"""Demonstration data for the councils and interagency pages (``tipmon councils seed``).

Everything here is invented: the people do not exist, their contact details use the
reserved example.org domain, and every row is marked ``demo`` so the pages say so. The
seed is idempotent: rows are found by their natural keys and created only when missing, so
a second run changes nothing (and never overwrites what a coordinator edited since).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from django.contrib.auth.models import User
from django.db import transaction

from tipmon.councils.models import (
    AgencyResponse,
    Attendance,
    Commitment,
    Consent,
    Council,
    CouncilReport,
    Meeting,
    Member,
    MemberPrivate,
    Recommendation,
)

SEED_USER = "councils-demo-seed"
DOS, DOJ, DHS = "Department of State", "Department of Justice", "Department of Homeland Security"
DOL, HHS, ED = (
    "Department of Labor",
    "Department of Health and Human Services",
    ("Department of Education"),
)
TREASURY, USAID = "Department of the Treasury", "US Agency for International Development"
CONSENTED_AT = datetime(2025, 2, 3, 15, 0, tzinfo=UTC)

COUNCILS = {
    "survivors": (
        "Survivor Advisory Council",
        "Survivors of human trafficking advise the office and the federal agencies on "
        "anti-trafficking policy and programs. Members serve two- or three-year terms, meet "
        "at least twice a year and publish an annual report with recommendations, which the "
        "agencies answer in writing.",
        date(2016, 1, 1),
    ),
    "partnership": (
        "Public-Private Partnership Advisory Council",
        "Leaders from business, finance, technology, labour and civil society advise the "
        "office on preventing forced labour in supply chains and on partnerships that reach "
        "people at risk. The council meets at least twice a year and reports annually.",
        date(2019, 6, 1),
    ),
}


@dataclass(frozen=True)
class DemoMember:
    council: str
    name: str
    sector: str
    bio: str
    survivor: bool
    consent: tuple[str, ...]  # items consented to publication


FICTIONAL = " (A fictional member, written for demonstration.)"
MEMBERS = (
    DemoMember(
        "survivors",
        "Amara Quillfeather",
        "survivor-leader",
        "Leads a peer-support network for adults leaving labour exploitation in "
        "agriculture; trains outreach workers." + FICTIONAL,
        True,
        ("name", "biography"),
    ),
    DemoMember(
        "survivors",
        "Teodor Brightwater",
        "ngo",
        "Runs a legal clinic's survivor advocacy program and advises on victim-witness "
        "protections in court." + FICTIONAL,
        True,
        ("name", "biography"),
    ),
    DemoMember(
        "survivors",
        "Lina Marrowdale",
        "survivor-leader",
        "Works on housing and employment for survivors of sex trafficking." + FICTIONAL,
        True,
        (),
    ),
    DemoMember(
        "survivors",
        "Joss Emberlyn",
        "law",
        "A paralegal focused on vacatur of convictions imposed on victims." + FICTIONAL,
        True,
        ("name",),
    ),
    DemoMember(
        "survivors",
        "Priya Windermoss",
        "academia",
        "Researches trauma-informed interviewing practice." + FICTIONAL,
        False,
        ("name", "biography"),
    ),
    DemoMember(
        "partnership",
        "Marisol Ashgrove",
        "private",
        "Heads responsible sourcing at a fictional apparel company; built a supplier "
        "remediation fund for recruitment fees." + FICTIONAL,
        False,
        ("name", "biography"),
    ),
    DemoMember(
        "partnership",
        "Kwame Stillbrook",
        "finance",
        "Leads a bank's financial-crime analytics team on trafficking typologies." + FICTIONAL,
        False,
        ("name", "biography"),
    ),
    DemoMember(
        "partnership",
        "Ines Harrowgate",
        "labour",
        "Organises migrant domestic workers and negotiates model contracts." + FICTIONAL,
        True,
        ("name",),
    ),
    DemoMember(
        "partnership",
        "Oskar Fennimore",
        "technology",
        "Builds tools that screen online job advertisements for deceptive recruitment." + FICTIONAL,
        False,
        (),
    ),
)

MEETINGS = (
    ("survivors", "Spring plenary 2025", date(2025, 4, 8), True),
    ("survivors", "Autumn plenary 2025", date(2025, 10, 14), True),
    ("survivors", "Spring plenary 2026", date(2026, 4, 21), True),
    ("survivors", "Winter plenary 2026", date(2026, 12, 9), False),
    ("partnership", "Plenary on supply chains 2025", date(2025, 5, 20), True),
    ("partnership", "Plenary on financial sector 2026", date(2026, 6, 3), True),
)

REPORTS = {
    ("survivors", 2025): (
        "Survivor Advisory Council annual report 2025",
        date(2025, 11, 20),
        (
            (
                DOJ,
                "implemented",
                "Fund legal services that help survivors clear criminal "
                "records imposed as a result of being trafficked.",
            ),
            (
                HHS,
                "partial",
                "Pay survivors who consult on federal programs at the same rate "
                "as other expert consultants.",
            ),
            (
                DHS,
                "in-progress",
                "Shorten the time taken to decide applications for "
                "trafficking-victim immigration status.",
            ),
            (ED, "open", "Add trafficking awareness to guidance for school counsellors."),
        ),
    ),
    ("partnership", 2025): (
        "Public-Private Partnership Advisory Council annual report 2025",
        date(2025, 12, 4),
        (
            (
                DOL,
                "in-progress",
                "Publish guidance on repaying recruitment fees that workers "
                "were charged by labour recruiters.",
            ),
            (
                TREASURY,
                "implemented",
                "Share updated financial red flags of trafficking with banks and payment firms.",
            ),
            (DOS, "declined", "Require a supplier audit for every federal grant recipient."),
        ),
    ),
    ("survivors", 2026): (
        "Survivor Advisory Council annual report 2026 (draft)",
        None,
        ((DOS, "open", "Involve survivors in the review of every country narrative."),),
    ),
}

RESPONSES = (
    (
        "survivors",
        2025,
        1,
        DOJ,
        date(2026, 2, 10),
        "The department funded a vacatur legal-services program in its next grant round.",
        "Grant solicitation issued and six awards made (demonstration text).",
    ),
    (
        "survivors",
        2025,
        2,
        HHS,
        date(2026, 3, 2),
        "Consultant rates were aligned for two of the department's advisory programs.",
        "",
    ),
    (
        "partnership",
        2025,
        2,
        TREASURY,
        date(2026, 1, 15),
        "Updated red-flag indicators were shared through the financial intelligence unit.",
        "Advisory notice published (demonstration text).",
    ),
    (
        "partnership",
        2025,
        3,
        DOS,
        date(2026, 2, 20),
        "Not adopted: the department will instead add supply-chain questions to grant "
        "applications.",
        "",
    ),
)

COMMITMENTS = (
    (
        DOS,
        "Publish the annual Trafficking in Persons Report.",
        date(2026, 6, 30),
        "completed",
        "Report published (demonstration text).",
        "National action plan, action 1.1 (demo)",
    ),
    (
        DOJ,
        "Train federal prosecutors on labour trafficking cases.",
        date(2026, 3, 31),
        "in-progress",
        "",
        "Interagency task force meeting, January 2025 (demo)",
    ),
    (
        DHS,
        "Reduce the backlog of victim immigration applications by half.",
        date(2026, 9, 30),
        "in-progress",
        "",
        "National action plan, action 2.4 (demo)",
    ),
    (
        DOL,
        "Update the list of goods produced by child or forced labour.",
        date(2026, 9, 30),
        "completed",
        "List updated (demonstration text).",
        "Statutory duty (demo)",
    ),
    (
        HHS,
        "Launch a survivor-informed grant review process.",
        date(2025, 12, 31),
        "planned",
        "",
        "Survivor Advisory Council 2025 report, response (demo)",
    ),
    (
        USAID,
        "Fund two regional counter-trafficking programs.",
        date(2027, 3, 31),
        "planned",
        "",
        "Interagency task force meeting, January 2025 (demo)",
    ),
    (
        ED,
        "Issue guidance on trafficking awareness for schools.",
        date(2025, 8, 31),
        "dropped",
        "",
        "National action plan, action 3.2 (demo)",
    ),
    (
        TREASURY,
        "Share financial red flags of trafficking with banks.",
        date(2025, 12, 31),
        "completed",
        "Advisory published (demonstration text).",
        "Public-Private Partnership Advisory Council 2025 report (demo)",
    ),
    (
        DOS,
        "Consult survivors on the report's methodology.",
        date(2026, 10, 31),
        "planned",
        "",
        "Survivor Advisory Council 2025 report (demo)",
    ),
)


@dataclass(frozen=True)
class SeedReport:
    created: int
    existing: int


def _seed_user() -> User:
    user, made = User.objects.get_or_create(username=SEED_USER, defaults={"is_active": False})
    if made:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


@transaction.atomic
def seed() -> SeedReport:
    """Create the demonstration rows that are missing; return how many were created."""
    made = 0
    total = 0

    def count(created: bool) -> None:
        nonlocal made, total
        total += 1
        made += int(created)

    user = _seed_user()
    councils: dict[str, Council] = {}
    for slug, (name, mandate, established) in COUNCILS.items():
        councils[slug], created = Council.objects.get_or_create(
            slug=slug,
            defaults={
                "kind": slug,
                "name": name,
                "mandate": mandate,
                "established": established,
                "demo": True,
            },
        )
        count(created)
    members: dict[str, list[Member]] = {slug: [] for slug in councils}
    for i, m in enumerate(MEMBERS):
        start = date(2024, 1, 15) if i % 2 else date(2025, 1, 15)
        member, created = Member.objects.get_or_create(
            council=councils[m.council],
            name=m.name,
            defaults={
                "sector": m.sector,
                "biography": m.bio,
                "appointed_on": date(start.year - 1, 12, 1),
                "term_start": start,
                "term_end": date(start.year + 3, 1, 14),
                "demo": True,
            },
        )
        count(created)
        members[m.council].append(member)
        if created:
            slug = m.name.split()[0].lower()
            MemberPrivate.objects.create(
                member=member,
                survivor=m.survivor,
                email=f"{slug}@example.org",
                phone=f"+1 202 555 01{i:02d}",
                notes="Demonstration record.",
            )
            for item in m.consent:
                Consent.objects.create(
                    member=member,
                    item=item,
                    given=True,
                    recorded_by=user,
                    recorded_at=CONSENTED_AT,
                    note="Signed consent form (demonstration).",
                )
    for slug, title, held_on, minutes in MEETINGS:
        meeting, created = Meeting.objects.get_or_create(
            council=councils[slug],
            title=title,
            defaults={
                "held_on": held_on,
                "place": "Washington, DC, and online",
                "demo": True,
                "notice": f"The {councils[slug].name} meets on {held_on:%-d %B %Y}. The "
                "meeting is open to the public online; register a week ahead.",
                "notice_published": True,
                "agenda": "1. Opening\n2. Agency updates on open recommendations\n"
                "3. Working-group reports\n4. Public comment\n5. Next steps",
                "agenda_published": True,
                "minutes": "Members heard agency updates on the open recommendations and "
                "agreed the working groups' next steps. (Demonstration minutes.)"
                if minutes
                else "",
                "minutes_published": minutes,
            },
        )
        count(created)
        if created and minutes:
            Attendance.objects.bulk_create(
                Attendance(meeting=meeting, member=mb, present=k != 1)
                for k, mb in enumerate(members[slug])
                if mb.term_start <= held_on <= mb.term_end
            )
    recs: dict[tuple[str, int, int], Recommendation] = {}
    for (slug, year), (title, published, items) in REPORTS.items():
        report, created = CouncilReport.objects.get_or_create(
            council=councils[slug],
            title=title,
            defaults={"year": year, "published_on": published, "demo": True},
        )
        count(created)
        for number, (agency, status, text) in enumerate(items, start=1):
            rec, created = Recommendation.objects.get_or_create(
                report=report,
                number=number,
                defaults={"agency": agency, "status": status, "text": text},
            )
            count(created)
            recs[(slug, year, number)] = rec
    for slug, year, number, agency, on, text, evidence in RESPONSES:
        _, created = AgencyResponse.objects.get_or_create(
            recommendation=recs[(slug, year, number)],
            agency=agency,
            responded_on=on,
            defaults={"text": text, "evidence": evidence, "recorded_by": user},
        )
        count(created)
    for agency, action, due, status, evidence, source in COMMITMENTS:
        _, created = Commitment.objects.get_or_create(
            agency=agency,
            action=action,
            defaults={
                "due": due,
                "status": status,
                "evidence": evidence,
                "source": source,
                "demo": True,
            },
        )
        count(created)
    return SeedReport(created=made, existing=total - made)
