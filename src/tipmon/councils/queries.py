"""Reading council and interagency records for the public pages, the staff pages and the
annual progress report. The public readers here return only what is published and
consented; nothing in this module reads ``MemberPrivate`` except ``private_details``, which
checks the coordinator role first.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet

from tipmon.assessments.access import User
from tipmon.core.errors import NotFound
from tipmon.councils import progress as rules
from tipmon.councils.access import require_coordinator
from tipmon.councils.models import (
    Commitment,
    CommitmentStatus,
    Council,
    Meeting,
    Member,
    MemberPrivate,
    Recommendation,
)


class CouncilNotFound(NotFound):
    """An unknown council, member, meeting or year, or one not public: 404."""


def council(slug: str) -> Council:
    found = Council.objects.filter(slug=slug).first()
    if found is None:
        raise CouncilNotFound(f"No council is called {slug!r}.")
    return found


def consent_decisions(member: Member) -> list[rules.ConsentDecision]:
    return [
        rules.ConsentDecision(c.item, c.given, c.recorded_at, c.pk) for c in member.consents.all()
    ]


def public_items(member: Member) -> frozenset[str]:
    return rules.public_items(consent_decisions(member))


def private_details(member: Member, user: User) -> MemberPrivate:
    """A member's survivor status and contact details: for council coordinators only."""
    require_coordinator(user)
    return MemberPrivate.objects.get_or_create(member=member)[0]


@dataclass(frozen=True, slots=True)
class PublicMember:
    pk: int
    council_slug: str
    name: str
    biography: str
    photo: bool
    sector: str
    term_start: date
    term_end: date


def _public(member: Member) -> PublicMember | None:
    items = public_items(member)
    if "name" not in items:
        return None
    return PublicMember(
        pk=member.pk,
        council_slug=member.council.slug,
        name=member.name,
        biography=member.biography if "biography" in items else "",
        photo="photo" in items and bool(member.photo_type),
        sector=member.get_sector_display(),
        term_start=member.term_start,
        term_end=member.term_end,
    )


def _members(council: Council) -> QuerySet[Member]:
    return (
        Member.objects.filter(council=council)
        .select_related("council")
        .prefetch_related("consents")
        .defer("photo")
    )


@dataclass(frozen=True, slots=True)
class PublicCouncil:
    council: Council
    profiles: list[PublicMember]
    members: int  # how many members in all, named or not
    meetings: list[Meeting]


def public_council(slug: str, today: date) -> PublicCouncil:
    found = council(slug)
    current = _members(found).filter(term_start__lte=today, term_end__gte=today)
    profiles = [p for p in (_public(m) for m in current) if p is not None]
    return PublicCouncil(
        council=found,
        profiles=profiles,
        members=current.count(),
        meetings=list(found.meetings.filter(notice_published=True)),
    )


def public_member(slug: str, pk: int) -> PublicMember:
    member = _members(council(slug)).filter(pk=pk).first()
    profile = _public(member) if member is not None else None
    if profile is None:
        raise CouncilNotFound("No such member profile is public.")
    return profile


def public_photo(pk: int) -> tuple[bytes, str]:
    member = Member.objects.filter(pk=pk).prefetch_related("consents").first()
    if member is None or "photo" not in public_items(member) or not member.photo:
        raise CouncilNotFound("No such photo is public.")
    return bytes(member.photo), member.photo_type


@dataclass(frozen=True, slots=True)
class PublicMeeting:
    meeting: Meeting
    agenda: str
    minutes: str
    present: int
    recorded: int
    named_present: list[str]


def public_meeting(slug: str, pk: int) -> PublicMeeting:
    meeting = Meeting.objects.filter(council__slug=slug, pk=pk, notice_published=True).first()
    if meeting is None:
        raise CouncilNotFound("No such meeting has been announced.")
    rows = list(
        meeting.attendance.select_related("member__council").prefetch_related("member__consents")
    )
    published = meeting.minutes_published
    named = sorted(p.name for p in (_public(a.member) for a in rows if a.present) if p is not None)
    return PublicMeeting(
        meeting=meeting,
        agenda=meeting.agenda if meeting.agenda_published else "",
        minutes=meeting.minutes if published else "",
        present=sum(a.present for a in rows) if published else 0,
        recorded=len(rows) if published else 0,
        named_present=named if published else [],
    )


def public_recommendations(slug: str | None = None) -> QuerySet[Recommendation]:
    """Recommendations of published council reports, with their responses."""
    found = Recommendation.objects.filter(report__published_on__isnull=False)
    if slug:
        found = found.filter(report__council__slug=slug)
    return found.select_related("report__council").prefetch_related("responses")


# The annual progress report.


def report_years() -> list[int]:
    years = set(
        Recommendation.objects.filter(report__published_on__isnull=False).values_list(
            "report__year", flat=True
        )
    )
    years |= {d.year for d in Commitment.objects.values_list("due", flat=True)}
    years |= {d.year for d in Meeting.objects.values_list("held_on", flat=True)}
    return sorted(years, reverse=True)


def progress(year: int, today: date) -> rules.ProgressReport:
    if year not in report_years():
        raise CouncilNotFound(f"Nothing is recorded for {year}.")
    councils = list(Council.objects.all())
    names = {c.pk: c.name.lower() for c in councils}
    recs = [
        rules.RecommendationFact(
            council=names[r.report.council_id],
            report_year=r.report.year,
            agency=r.agency,
            status=r.status,
            responses=r.n_responses,
            with_evidence=r.n_evidence,
        )
        for r in public_recommendations()
        .filter(report__year=year)
        .annotate(
            n_responses=Count("responses", distinct=True),
            n_evidence=Count(
                "responses",
                filter=~Q(responses__evidence="") | ~Q(responses__evidence_url=""),
                distinct=True,
            ),
        )
    ]
    meetings = [
        rules.MeetingFact(
            council=names[m.council_id],
            held_on=m.held_on,
            minutes_published=m.minutes_published,
            present=m.n_present,
            recorded=m.n_recorded,
        )
        for m in Meeting.objects.filter(held_on__year=year, held_on__lte=today).annotate(
            n_present=Count("attendance", filter=Q(attendance__present=True)),
            n_recorded=Count("attendance"),
        )
    ]
    return rules.progress_report(
        year,
        [c.name.lower() for c in councils],
        recs,
        meetings,
        commitment_facts(),
        CommitmentStatus.values,
        today,
    )


# Interagency commitments.


def commitment_facts() -> list[rules.CommitmentFact]:
    return [
        rules.CommitmentFact(agency, due, status)
        for agency, due, status in Commitment.objects.values_list("agency", "due", "status")
    ]


@dataclass(frozen=True, slots=True)
class InteragencySummary:
    summary: rules.CommitmentSummary
    overdue: list[Commitment]
    source: rules.Source
    statuses: list[tuple[str, str]]


def interagency_summary(today: date) -> InteragencySummary:
    facts = commitment_facts()
    summary = rules.summarise_commitments(facts, CommitmentStatus.values, today)
    overdue = [c for c in Commitment.objects.all() if rules.is_overdue(c.due, c.status, today)]
    return InteragencySummary(
        summary=summary,
        overdue=overdue,
        source=rules.Source("interagency commitments", len(facts), today),
        statuses=list(CommitmentStatus.choices),
    )


CSV_COLUMNS = (
    "agency",
    "action",
    "due",
    "status",
    "overdue",
    "evidence",
    "evidence_url",
    "commitment_source",
    "source",
)


def _cell(value: str) -> str:
    """Text typed by a person, kept from being read as a formula by a spreadsheet."""
    return "'" + value if value[:1] in {"=", "+", "-", "@", "\t", "\r"} else value


def commitments_csv(today: date) -> str:
    """Every commitment, one row each; the last column cites where the row comes from."""
    rows = list(Commitment.objects.all())
    source = str(rules.Source("interagency commitments", len(rows), today))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for c in rows:
        writer.writerow(
            [
                _cell(c.agency),
                _cell(c.action),
                c.due.isoformat(),
                c.status,
                "yes" if rules.is_overdue(c.due, c.status, today) else "no",
                _cell(c.evidence),
                _cell(c.evidence_url),
                _cell(c.source),
                source,
            ]
        )
    return out.getvalue()
