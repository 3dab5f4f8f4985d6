"""The rules of the councils and the interagency tracker, in plain Python (no Django import).

- What of a member may be public: the latest consent decision per item wins, and nothing is
  public without consent to the name (a biography or a photo never stands without it).
- When a commitment is overdue: its due date has passed and it is neither completed nor
  dropped.
- The annual progress report: every figure is computed here from plain facts and carries
  the source it was computed from (which records, how many rows, as of when).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

CONSENT_ITEMS = ("name", "biography", "photo")
CLOSED_COMMITMENT = frozenset({"completed", "dropped"})
ACTED_ON = frozenset({"in-progress", "partial", "implemented"})


@dataclass(frozen=True, slots=True)
class ConsentDecision:
    item: str
    given: bool
    at: datetime
    order: int = 0  # breaks ties between decisions recorded at the same instant


def public_items(decisions: Iterable[ConsentDecision]) -> frozenset[str]:
    """The items a member has consented, as things stand, to publish."""
    latest: dict[str, ConsentDecision] = {}
    for d in decisions:
        seen = latest.get(d.item)
        if seen is None or (d.at, d.order) >= (seen.at, seen.order):
            latest[d.item] = d
    given = {item for item, d in latest.items() if d.given and item in CONSENT_ITEMS}
    return frozenset(given) if "name" in given else frozenset()


def is_overdue(due: date, status: str, today: date) -> bool:
    return due < today and status not in CLOSED_COMMITMENT


@dataclass(frozen=True, slots=True)
class Source:
    """Where a figure comes from: which records, how many rows, as of which day."""

    records: str
    rows: int
    as_of: date

    def __str__(self) -> str:
        return (
            f"TIP Monitor records: {self.records} ({self.rows} row"
            f"{'' if self.rows == 1 else 's'}), as of {self.as_of.isoformat()}"
        )


@dataclass(frozen=True, slots=True)
class Figure:
    key: str
    label: str
    value: str
    source: Source


@dataclass(frozen=True, slots=True)
class RecommendationFact:
    council: str
    report_year: int
    agency: str
    status: str
    responses: int
    with_evidence: int


@dataclass(frozen=True, slots=True)
class MeetingFact:
    council: str
    held_on: date
    minutes_published: bool
    present: int
    recorded: int


@dataclass(frozen=True, slots=True)
class CommitmentFact:
    agency: str
    due: date
    status: str


@dataclass(frozen=True, slots=True)
class Section:
    title: str
    figures: tuple[Figure, ...]


@dataclass(frozen=True, slots=True)
class ProgressReport:
    year: int
    as_of: date
    sections: tuple[Section, ...]

    def figure(self, key: str) -> Figure:
        for section in self.sections:
            for f in section.figures:
                if f.key == key:
                    return f
        raise KeyError(key)


@dataclass(frozen=True, slots=True)
class CommitmentSummary:
    total: int
    by_status: tuple[tuple[str, int], ...]
    by_agency: tuple[tuple[str, dict[str, int], int], ...]  # agency, status counts, overdue
    overdue: int


def summarise_commitments(
    facts: Sequence[CommitmentFact], statuses: Sequence[str], today: date
) -> CommitmentSummary:
    """Counts by status (in the order given) and by agency, and how many are overdue."""
    by_status = Counter(f.status for f in facts)
    agencies: dict[str, Counter[str]] = {}
    late: Counter[str] = Counter()
    for f in facts:
        agencies.setdefault(f.agency, Counter())[f.status] += 1
        if is_overdue(f.due, f.status, today):
            late[f.agency] += 1
    return CommitmentSummary(
        total=len(facts),
        by_status=tuple((s, by_status[s]) for s in statuses),
        by_agency=tuple(
            (agency, {s: counts[s] for s in statuses}, late[agency])
            for agency, counts in sorted(agencies.items())
        ),
        overdue=sum(late.values()),
    )


def _share(part: int, whole: int) -> str:
    return f"{part} of {whole} ({round(100 * part / whole)}%)" if whole else "none recorded"


def _council_section(
    council: str,
    year: int,
    recs: Sequence[RecommendationFact],
    meetings: Sequence[MeetingFact],
    as_of: date,
) -> Section:
    mine = [r for r in recs if r.council == council]
    held = [m for m in meetings if m.council == council and m.held_on.year == year]
    rec_source = Source(f"recommendations in published reports of the {council}", len(mine), as_of)
    meeting_source = Source(f"meetings of the {council} held in {year}", len(held), as_of)
    present = sum(m.present for m in held)
    recorded = sum(m.recorded for m in held)
    statuses = Counter(r.status for r in mine)
    answered = sum(1 for r in mine if r.responses)
    evidenced = sum(1 for r in mine if r.with_evidence)
    acted = sum(statuses[s] for s in ACTED_ON)
    slug = council.split()[0].lower()
    return Section(
        title=council[:1].upper() + council[1:],
        figures=(
            Figure(f"{slug}-meetings", "Meetings held", str(len(held)), meeting_source),
            Figure(
                f"{slug}-minutes",
                "Meetings with published minutes",
                _share(sum(1 for m in held if m.minutes_published), len(held)),
                meeting_source,
            ),
            Figure(
                f"{slug}-attendance",
                "Attendance (members present of those recorded)",
                _share(present, recorded),
                meeting_source,
            ),
            Figure(f"{slug}-recs", "Recommendations made", str(len(mine)), rec_source),
            Figure(
                f"{slug}-answered",
                "Recommendations with an agency response",
                _share(answered, len(mine)),
                rec_source,
            ),
            Figure(
                f"{slug}-acted",
                "Recommendations acted on (in progress, partly or fully done)",
                _share(acted, len(mine)),
                rec_source,
            ),
            Figure(
                f"{slug}-implemented",
                "Recommendations implemented",
                _share(statuses["implemented"], len(mine)),
                rec_source,
            ),
            Figure(
                f"{slug}-evidenced",
                "Recommendations with evidence of action",
                _share(evidenced, len(mine)),
                rec_source,
            ),
        ),
    )


def progress_report(
    year: int,
    councils: Sequence[str],
    recs: Sequence[RecommendationFact],
    meetings: Sequence[MeetingFact],
    commitments: Sequence[CommitmentFact],
    statuses: Sequence[str],
    as_of: date,
) -> ProgressReport:
    """The annual progress report for ``year``, as of ``as_of``: one section per council and
    one for the interagency commitments due that year."""
    sections = [_council_section(c, year, recs, meetings, as_of) for c in councils]
    due = [c for c in commitments if c.due.year == year]
    summary = summarise_commitments(due, statuses, as_of)
    source = Source(f"interagency commitments due in {year}", len(due), as_of)
    figures = [Figure("commitments", "Commitments due this year", str(len(due)), source)]
    figures += [
        Figure(
            f"commitments-{status}",
            f"Commitments {status.replace('-', ' ')}",
            _share(count, len(due)),
            source,
        )
        for status, count in summary.by_status
    ]
    figures.append(
        Figure(
            "commitments-overdue", "Commitments overdue", _share(summary.overdue, len(due)), source
        )
    )
    sections.append(Section("Interagency commitments", tuple(figures)))
    return ProgressReport(year=year, as_of=as_of, sections=tuple(sections))
