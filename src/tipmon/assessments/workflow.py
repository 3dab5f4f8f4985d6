"""The clearance workflow as data: who holds the pen in each state and who may move it.

Pure Python. Desk officer drafts, regional reviewer clears, report editor edits, approver
decides the tier. Every return needs a reason.
"""

from __future__ import annotations

from dataclasses import dataclass

DRAFT, REVIEW, EDITING, APPROVAL, APPROVED = (
    "draft", "regional_review", "editing", "approval", "approved",
)  # fmt: skip

#: The role that may edit an assessment in each state.
EDITOR_OF_STATE: dict[str, str] = {
    DRAFT: "desk_officer",
    REVIEW: "regional_reviewer",
    EDITING: "report_editor",
    APPROVAL: "approver",
}


@dataclass(frozen=True, slots=True)
class Action:
    name: str
    label: str
    source: str
    target: str
    role: str
    needs_reason: bool = False


ACTIONS: tuple[Action, ...] = (
    Action("submit", "Submit for regional review", DRAFT, REVIEW, "desk_officer"),
    Action("clear", "Clear to the report editor", REVIEW, EDITING, "regional_reviewer"),
    Action("return_to_desk", "Return to the desk officer", REVIEW, DRAFT, "regional_reviewer",
           needs_reason=True),
    Action("send_for_approval", "Send for approval", EDITING, APPROVAL, "report_editor"),
    Action("return_to_review", "Return to regional review", EDITING, REVIEW, "report_editor",
           needs_reason=True),
    Action("approve", "Approve the tier", APPROVAL, APPROVED, "approver"),
    Action("return_to_editor", "Return to the report editor", APPROVAL, EDITING, "approver",
           needs_reason=True),
    Action("reopen", "Reopen for approval", APPROVED, APPROVAL, "approver", needs_reason=True),
)  # fmt: skip
ACTIONS_BY_NAME = {a.name: a for a in ACTIONS}


def actions_for(state: str, roles: set[str]) -> list[Action]:
    """The moves open to someone holding ``roles`` on an assessment in ``state``."""
    return [a for a in ACTIONS if a.source == state and a.role in roles]


def may_edit(state: str, roles: set[str]) -> bool:
    return EDITOR_OF_STATE.get(state) in roles
