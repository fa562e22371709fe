"""The review workflow of a target set along the government hierarchy, as one state → allowed-actions table.

draft → submitted → (returned → submitted …) → approved by the department → approved by finance → published; an
adjustment (调整) of an approved or published set starts a new version as a draft, while the published version stays
public. Who may act is a role of the actor's organisation over the target set's organisation (its subtree).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class State(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    DEPARTMENT_APPROVED = "dept_approved"
    FINANCE_APPROVED = "finance_approved"
    PUBLISHED = "published"

    @property
    def label(self) -> str:
        return _STATE_LABELS[self]

    @property
    def editable(self) -> bool:
        """Only drafts and returned sets can be changed; under review, approved and published sets are frozen."""
        return self in (State.DRAFT, State.RETURNED)


_STATE_LABELS = {
    State.DRAFT: "编制中",
    State.SUBMITTED: "已提交，待主管部门审核",
    State.RETURNED: "已退回修改",
    State.DEPARTMENT_APPROVED: "主管部门已审核，待财政审核",
    State.FINANCE_APPROVED: "财政已审核",
    State.PUBLISHED: "已公开",
}


class Role(StrEnum):
    """Roles that act in the workflow (the same values as the web's memberships)."""

    EDITOR = "editor"
    APPROVER = "approver"
    DEPARTMENT_REVIEWER = "dept_reviewer"
    FINANCE_REVIEWER = "finance_reviewer"
    AUDITOR = "auditor"
    ADMIN = "admin"


class Action(StrEnum):
    SUBMIT = "submit"
    RETURN = "return"
    APPROVE_DEPARTMENT = "approve_department"
    APPROVE_FINANCE = "approve_finance"
    PUBLISH = "publish"
    ADJUST = "adjust"

    @property
    def label(self) -> str:
        return _ACTION_LABELS[self]

    @property
    def needs_comment(self) -> bool:
        """Returning without saying why helps nobody; an adjustment must say what changes."""
        return self in (Action.RETURN, Action.ADJUST)

    @property
    def consequence(self) -> str | None:
        """What the action does that cannot simply be undone, said on its confirmation page; None for the actions
        that need no confirmation (submitting and returning can be answered by the next step)."""
        return _CONSEQUENCES.get(self)


_ACTION_LABELS = {
    Action.SUBMIT: "提交审核",
    Action.RETURN: "退回修改",
    Action.APPROVE_DEPARTMENT: "主管部门审核通过",
    Action.APPROVE_FINANCE: "财政审核通过",
    Action.PUBLISH: "公开",
    Action.ADJUST: "发起调整",
}


_CONSEQUENCES = {
    Action.APPROVE_DEPARTMENT: "审核通过后，目标送财政部门审核，单位不能再修改；如需修改，须由财政部门退回。",
    Action.APPROVE_FINANCE: (
        "审核通过后，目标成为本年度批准的版本，不能再修改；如需修改，只能发起调整（新版本须重新审核）。"
    ),
    Action.PUBLISH: "公开后，目标（标为不公开的项目除外）在公开页面上对所有人可见，并可下载；公开不能撤回。",
    Action.ADJUST: (
        "发起调整后，将以当前版本为基础编制新版本（编制中），须重新提交审核；已公开的版本在新版本公开前继续有效。"
    ),
}


def describe(state: State, version: int, published: int | None) -> str:
    """The state as people need it: which version is in force and which one is being worked on — "第1版 已公开（第2版
    编制中）" after an adjustment, where the bare state (编制中) would hide that version 1 is public."""
    if published is not None and published < version:
        return f"第{published}版 已公开（第{version}版 {state.label}）"
    if state is State.PUBLISHED:
        return f"第{version}版 已公开"
    return state.label


# The way a set goes, in order, and who acts at each step (for the progress stepper).
STEPS: tuple[tuple[State, str, str], ...] = (
    (State.DRAFT, "编制", "单位编制，由单位审核人提交"),
    (State.SUBMITTED, "主管部门审核", "主管部门审核通过或退回"),
    (State.DEPARTMENT_APPROVED, "财政审核", "财政部门审核通过或退回"),
    (State.FINANCE_APPROVED, "公开", "单位或财政部门公开"),
    (State.PUBLISHED, "已公开", "执行中；如需修改，发起调整"),
)


def steps(state: State) -> list[tuple[str, str, str]]:
    """The stepper: each step's name, ``done``/``current``/``todo`` and who acts there (a returned set is at 编制)."""
    here = State.DRAFT if state is State.RETURNED else state
    index = next(i for i, (step, _, _) in enumerate(STEPS) if step is here)
    return [
        (name, "done" if i < index else "current" if i == index else "todo", who)
        for i, (_, name, who) in enumerate(STEPS)
    ]


@dataclass(frozen=True, slots=True)
class Transition:
    action: Action
    source: frozenset[State]
    target: State
    roles: frozenset[Role]


def _t(action: Action, sources: tuple[State, ...], target: State, *roles: Role) -> Transition:
    return Transition(action, frozenset(sources), target, frozenset(roles))


TRANSITIONS: tuple[Transition, ...] = (
    # The unit's approver (单位审核) signs the set off; review errors block it (checked by the caller).
    _t(Action.SUBMIT, (State.DRAFT, State.RETURNED), State.SUBMITTED, Role.APPROVER, Role.ADMIN),
    _t(Action.RETURN, (State.SUBMITTED,), State.RETURNED, Role.DEPARTMENT_REVIEWER, Role.FINANCE_REVIEWER, Role.ADMIN),
    _t(Action.RETURN, (State.DEPARTMENT_APPROVED,), State.RETURNED, Role.FINANCE_REVIEWER, Role.ADMIN),
    _t(Action.APPROVE_DEPARTMENT, (State.SUBMITTED,), State.DEPARTMENT_APPROVED, Role.DEPARTMENT_REVIEWER, Role.ADMIN),
    _t(Action.APPROVE_FINANCE, (State.DEPARTMENT_APPROVED,), State.FINANCE_APPROVED, Role.FINANCE_REVIEWER, Role.ADMIN),
    _t(Action.PUBLISH, (State.FINANCE_APPROVED,), State.PUBLISHED, Role.APPROVER, Role.FINANCE_REVIEWER, Role.ADMIN),
    _t(Action.ADJUST, (State.FINANCE_APPROVED, State.PUBLISHED), State.DRAFT, Role.EDITOR, Role.APPROVER, Role.ADMIN),
)


def transition_for(state: State, action: Action) -> Transition | None:
    """The transition ``action`` takes from ``state``, or None when the action does not apply there."""
    return next((t for t in TRANSITIONS if t.action is action and state in t.source), None)


def allowed_actions(state: State, roles: frozenset[Role] | set[Role]) -> list[Action]:
    """The actions a holder of ``roles`` may take on a set in ``state``, in the table's order, without repeats."""
    found: list[Action] = []
    for transition in TRANSITIONS:
        if state in transition.source and transition.roles & set(roles) and transition.action not in found:
            found.append(transition.action)
    return found


def can_edit(state: State, roles: frozenset[Role] | set[Role]) -> bool:
    """Editing targets: an editor, approver or administrator, and only while the set is a draft or returned."""
    return state.editable and bool({Role.EDITOR, Role.APPROVER, Role.ADMIN} & set(roles))
