"""The words of the five model documents, as gettext message ids, and their composition.

Each document is a list of blocks (a heading, a paragraph, a line to fill in, a blank left
for local counsel, a table, a signature line). ``compose`` translates each message with the
catalog of the chosen language and fills in the terms; the PDF and DOCX writers only lay the
blocks out. ``N_`` marks a message for extraction (``python -m tipmon.documents.catalogs``)
without translating it here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum


def N_(message: str) -> str:
    return message


class Kind(StrEnum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    FILL = "fill"  # a label and a line to write on
    COUNSEL = "counsel"  # a blank left for local counsel
    TABLE = "table"  # column headings and empty rows to fill in
    SIGN = "sign"


@dataclass(frozen=True)
class Block:
    kind: Kind
    text: str
    columns: tuple[str, ...] = ()


@dataclass(frozen=True)
class Document:
    slug: str
    title: str
    blocks: tuple[Block, ...]


H, P, F, C, T, S = Kind.HEADING, Kind.PARAGRAPH, Kind.FILL, Kind.COUNSEL, Kind.TABLE, Kind.SIGN
COUNSEL_NOTE = N_("to be completed by local counsel")
DRAFT_NOTE = N_(
    "Draft translation — to be reviewed by a qualified translator. The English version is "
    "the reference text."
)
PACKAGE_TITLE = N_("Model documents for a domestic worker")
PAY_ROWS = 6

PERIODS = {"month": N_("per month"), "week": N_("per week"), "hour": N_("per hour")}
ACCOMMODATION = {
    "live_in": N_(
        "The worker lives in the household, in a private room that locks from the inside, "
        "with access to clean sanitary facilities and adequate food. Neither food nor "
        "accommodation is deducted from the wage."
    ),
    "live_out": N_(
        "The worker lives outside the household and is free to come and go outside working hours."
    ),
}
END_FIXED = N_("It ends on {end}.")
END_OPEN = N_("It continues until either party ends it by written notice.")

Template = tuple[tuple[Kind, str] | tuple[Kind, str, tuple[str, ...]], ...]

CONTRACT: Template = (
    (
        P,
        N_(
            "This contract is made between {employer}, of {employer_address} (the employer), "
            "and {worker} (the worker), for domestic work in {country}."
        ),
    ),
    (H, N_("1. Start and duration")),
    (P, N_("Employment starts on {start}. {end_clause}")),
    (H, N_("2. Duties")),
    (
        P,
        N_(
            "The worker will perform these duties: {duties}. Other work, or work for other "
            "people, needs a new written agreement."
        ),
    ),
    (H, N_("3. Wages")),
    (
        P,
        N_(
            "The employer pays the worker {wage} {period}, in money, directly to the worker, "
            "at least once a month, with a signed pay record."
        ),
    ),
    (
        P,
        N_(
            "No deduction is made from the wage except those required by law. No recruitment "
            "fee or cost is ever deducted."
        ),
    ),
    (C, N_("Statutory minimum wage in {country}")),
    (H, N_("4. Working time and rest")),
    (
        P,
        N_(
            "Normal working hours: at most {hours_per_day} a day and {hours_per_week} a week. "
            "Work beyond these hours is overtime, agreed in advance and paid."
        ),
    ),
    (C, N_("Overtime pay rate under local law")),
    (
        P,
        N_(
            "Weekly rest days: {rest_days}, each of at least 24 consecutive hours, which the "
            "worker may spend outside the household."
        ),
    ),
    (H, N_("5. Leave")),
    (P, N_("Paid annual leave: {leave_days} working days a year, in addition to public holidays.")),
    (H, N_("6. Accommodation")),
    (P, "{accommodation}"),
    (H, N_("7. Identity documents and recruitment fees")),
    (
        P,
        N_(
            "The worker keeps their own passport and identity documents. Neither the "
            "employer nor any agency may hold them."
        ),
    ),
    (
        P,
        N_(
            "The employer pays all recruitment fees and related costs. The worker pays "
            "nothing, directly or by deduction from wages."
        ),
    ),
    (H, N_("8. Social security")),
    (C, N_("Social insurance, health cover and maternity protection under local law")),
    (H, N_("9. Ending the contract")),
    (C, N_("Notice period under local law")),
    (
        P,
        N_(
            "On the last day the employer pays all wages and unused leave due. An employer "
            "who recruited the worker from abroad pays the return journey."
        ),
    ),
    (H, N_("10. Complaints")),
    (
        P,
        N_(
            "The worker may complain to the labour authority or a workers' organisation "
            "without any penalty."
        ),
    ),
    (C, N_("Labour authority and hotline in {country}")),
    (
        P,
        N_(
            "The worker receives a copy of this contract, in a language they understand, "
            "before starting work."
        ),
    ),
    (S, N_("Employer's signature and date")),
    (S, N_("Worker's signature and date")),
)

RIGHTS: Template = (
    (
        P,
        N_(
            "{worker}, you have these rights while you work for {employer} in {country}, "
            "whatever your nationality or immigration status."
        ),
    ),
    (P, N_("You keep your own passport and identity documents. No one may take them from you.")),
    (
        P,
        N_(
            "You pay no recruitment fee. Asking you to pay one, or deducting it from your "
            "wages, breaks these terms."
        ),
    ),
    (P, N_("You are paid {wage} {period}, directly to you, with a pay record.")),
    (
        P,
        N_(
            "Weekly rest days: {rest_days}, of at least 24 hours each, which you may spend as "
            "you choose outside the household."
        ),
    ),
    (P, N_("You may keep your phone and contact your family, friends and embassy.")),
    (
        P,
        N_(
            "No one may lock you in, threaten you or hurt you. Violence, harassment and abuse "
            "are never allowed."
        ),
    ),
    (P, N_("You may leave the job by giving notice, and you may complain without being punished.")),
    (H, N_("Where to ask for help")),
    (C, N_("Hotline, embassy and support organisations in {country}")),
)

PAY_RECORD: Template = (
    (P, N_("Employer: {employer}")),
    (P, N_("Worker: {worker}")),
    (P, N_("Agreed wage: {wage} {period}")),
    (
        T,
        "",
        (
            N_("Pay period"),
            N_("Days worked"),
            N_("Overtime hours"),
            N_("Gross wage"),
            N_("Deductions required by law"),
            N_("Net wage paid"),
            N_("Date paid"),
            N_("Worker's signature"),
        ),
    ),
    (P, N_("No recruitment fee, and no cost of food or accommodation, may be deducted.")),
)

COMPLAINT: Template = (
    (
        P,
        N_(
            "Use this form to tell the labour authority, a workers' organisation or a support "
            "service about a problem at work. You will not be punished for complaining."
        ),
    ),
    (F, N_("Your name")),
    (F, N_("A safe way to reach you")),
    (P, N_("Employer: {employer}, {employer_address}")),
    (F, N_("What happened, and when")),
    (F, N_("Is anyone keeping your passport or identity documents?")),
    (F, N_("Were you asked to pay fees, or was money deducted from your wages?")),
    (F, N_("Do you feel unsafe, or are you prevented from leaving?")),
    (F, N_("What would you like to happen?")),
    (C, N_("Where to send this form in {country}")),
    (S, N_("Signature and date")),
)

TERMINATION: Template = (
    (
        P,
        N_(
            "This notice ends the employment contract between {employer} (the employer) and "
            "{worker} (the worker), which began on {start}."
        ),
    ),
    (F, N_("Notice given by (employer or worker)")),
    (F, N_("Date of this notice")),
    (F, N_("Last day of work")),
    (C, N_("Notice period under local law")),
    (
        P,
        N_(
            "On or before the last day the employer pays all wages earned, unused annual leave "
            "and any other sums due, with a written statement of them."
        ),
    ),
    (
        P,
        N_(
            "The worker keeps their passport and identity documents and is free to take other "
            "work or go home. An employer who recruited the worker from abroad pays the "
            "return journey."
        ),
    ),
    (S, N_("Employer's signature and date")),
    (S, N_("Worker's signature and date")),
)

#: The package, in order: slug, title, template.
DOCUMENTS: tuple[tuple[str, str, Template], ...] = (
    ("contract", N_("Employment contract for a domestic worker"), CONTRACT),
    ("rights", N_("Statement of rights"), RIGHTS),
    ("pay-record", N_("Pay record"), PAY_RECORD),
    ("complaint", N_("Complaint form"), COMPLAINT),
    ("termination", N_("Notice of termination of employment"), TERMINATION),
)
SLUGS = tuple(slug for slug, _title, _template in DOCUMENTS)


def compose(
    values: Mapping[str, str], gettext: Callable[[str], str], only: str | None = None
) -> tuple[Document, ...]:
    """The documents (all, or the one named ``only``) translated and filled in."""
    filled = dict(values)
    filled["period"] = gettext(PERIODS[values["period"]])
    filled["accommodation"] = gettext(ACCOMMODATION[values["accommodation"]])
    end_clause = gettext(END_FIXED if values.get("end") else END_OPEN)
    filled["end_clause"] = end_clause.format(**filled)
    out = []
    for slug, title, template in DOCUMENTS:
        if only is not None and slug != only:
            continue
        blocks = []
        for kind, text, *rest in template:
            translated = gettext(text).format(**filled) if text else ""
            columns = tuple(gettext(c) for c in rest[0]) if rest else ()
            blocks.append(Block(kind, translated, columns))
        out.append(Document(slug, gettext(title), tuple(blocks)))
    return tuple(out)
