"""Workflow services: moving a department's target set through review, versions, publication and notifications.

The rules (which action from which state, by which role) are the table in ``jixiao.domain.workflow``; this module
only applies them to the database, in one transaction per action.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from jixiao.domain import limits
from jixiao.domain import model as domain
from jixiao.domain.diff import Change, diff_documents
from jixiao.domain.workflow import TRANSITIONS, Action, Role, State, describe, steps, transition_for
from jixiao.formats import canonical
from jixiao.web.audit.services import audit_record
from jixiao.web.records import models as db
from jixiao.web.records import permissions, services
from jixiao.web.records.services import ServiceError

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

# Whom each action concerns next: they get an in-app notification.
_NOTIFY: dict[Action, frozenset[Role]] = {
    Action.SUBMIT: frozenset({Role.DEPARTMENT_REVIEWER}),
    Action.RETURN: frozenset({Role.EDITOR, Role.APPROVER}),
    Action.APPROVE_DEPARTMENT: frozenset({Role.FINANCE_REVIEWER}),
    Action.APPROVE_FINANCE: frozenset({Role.APPROVER, Role.EDITOR}),
    Action.PUBLISH: frozenset({Role.APPROVER, Role.EDITOR}),
    Action.ADJUST: frozenset({Role.APPROVER, Role.DEPARTMENT_REVIEWER}),
}


_AUDIT_CODES = {
    Action.SUBMIT: "submitted",
    Action.RETURN: "returned",
    Action.APPROVE_DEPARTMENT: "approved_department",
    Action.APPROVE_FINANCE: "approved_finance",
    Action.PUBLISH: "published",
    Action.ADJUST: "adjusted",
}


def _label(department: db.Department) -> str:
    return f"{department.year or ''}年度{department.name or department.code or ''}绩效目标"


def _check(department: db.Department, action: Action, user: User, comment: str | None) -> State:
    state = State(department.state)
    transition = transition_for(state, action)
    if transition is None:
        raise ServiceError("workflow.wrong_state", action=action.label, state=state.label)
    if not transition.roles & permissions.roles_for(user, department.organisation):
        raise ServiceError("workflow.forbidden", action=action.label)
    if action.needs_comment and not (comment or "").strip():
        raise ServiceError("workflow.comment_required", action=action.label)
    limits.check_text(action.label, "意见", limits.LONG_TEXT, comment)
    if action is Action.SUBMIT:
        errors = services.department_refresh_review(department=department)["error"]
        if errors:
            raise ServiceError("workflow.review_errors", count=errors)
    return transition.target


def _withheld(department: db.Department) -> dict[str, str]:
    rows = department.projects.filter(publish=False)
    return {(row.code or row.name or str(row.pk)): row.withhold_reason or "" for row in rows}


def _freeze(department: db.Department, user: User) -> None:
    document = services.department_document(department)
    db.TargetVersion.objects.update_or_create(
        department=department,
        number=department.version,
        defaults={"content": canonical.to_json(document), "approved_by": user, "withheld": _withheld(department)},
    )


def _publish(department: db.Department) -> None:
    db.TargetVersion.objects.filter(department=department, number=department.version).update(
        published_at=timezone.now(), withheld=_withheld(department)
    )


def _notify(department: db.Department, action: Action, actor: User, comment: str | None) -> None:
    url = reverse("department", args=[department.pk])
    text = f"{_label(department)}：{actor.get_username()} {action.label}" + (f"（{comment}）" if comment else "")
    for user in permissions.users_with_roles(department.organisation, _NOTIFY[action]):
        if user.pk != actor.pk:
            db.Notification.objects.create(user=user, text=text[:500], url=url)


@transaction.atomic
def department_act(
    *, department: db.Department, action: Action, user: User, comment: str | None = None
) -> db.Department:
    """Apply a workflow action; :class:`ServiceError` says in Chinese why it is not allowed."""
    locked = db.Department.objects.select_for_update().select_related("organisation").get(pk=department.pk)
    target = _check(locked, action, user, comment)
    source = locked.state
    if action is Action.APPROVE_FINANCE:
        _freeze(locked, user)
    if action is Action.PUBLISH:
        _publish(locked)
    if action is Action.ADJUST:
        locked.version += 1
    locked.state = target.value
    locked.save(update_fields=["state", "version", "updated_at"])
    db.WorkflowEvent.objects.create(
        department=locked,
        version=locked.version,
        action=action.value,
        from_state=source,
        to_state=target.value,
        actor=user,
        comment=comment or None,
    )
    if comment and action is Action.RETURN:
        db.ReviewComment.objects.create(department=locked, version=locked.version, author=user, text=comment)
    _notify(locked, action, user, comment)
    resubmitted = action is Action.SUBMIT and source == State.RETURNED.value
    audit_record(
        action=f"jixiao.department.{'resubmitted' if resubmitted else _AUDIT_CODES[action]}",
        actor=user,
        target=locked,
        params={"from": source, "to": target.value, "version": locked.version, "comment": comment or None},
    )
    return locked


def actions_for(user: User | AnonymousUser, department: db.Department) -> list[Action]:
    """The workflow buttons to show this user on this department."""
    from jixiao.domain.workflow import allowed_actions

    return allowed_actions(State(department.state), permissions.roles_for(user, department.organisation))


def todo(user: User | AnonymousUser) -> QuerySet[db.Department]:
    """Department target sets awaiting this user's action (not counting optional adjustments)."""
    query = Q(pk__in=[])
    for membership in permissions._memberships(user):
        states = [
            state.value
            for state in State
            for t in TRANSITIONS
            if state in t.source and Role(membership.role) in t.roles and t.action is not Action.ADJUST
        ]
        if membership.role == Role.EDITOR:  # editors act by editing: drafts and what was returned to them
            states += [State.DRAFT.value, State.RETURNED.value]
        query |= Q(organisation__path__startswith=membership.organisation.path, state__in=states)
    if getattr(user, "is_superuser", False):
        query = ~Q(state__in=[State.PUBLISHED.value])
    return db.Department.objects.filter(query).select_related("organisation").order_by("-updated_at")


def version_document(version: db.TargetVersion, *, public: bool = False) -> domain.TargetDocument:
    """A frozen version's document; ``public`` leaves out the projects withheld from publication."""
    document = canonical.from_json(version.content)
    if public:
        hidden = set(version.withheld)
        document.projects = [p for p in document.projects if (p.code or p.name) not in hidden]
    return document


def changes_between(department: db.Department, first: str, second: str) -> list[Change]:
    """What changed between two versions (numbers, or ``current`` for the working copy)."""

    def load(which: str) -> domain.TargetDocument:
        if which == "current":
            return services.department_document(department)
        version = db.TargetVersion.objects.filter(department=department, number=int(which)).first()
        if version is None:
            raise ServiceError("workflow.no_version", number=which)
        return version_document(version)

    return diff_documents(load(first), load(second))


def panel_context(user: User | AnonymousUser, department: db.Department) -> dict[str, object]:
    """What the workflow panel (``workflow/_workflow.html``) shows a user: the state and its stepper, the actions the
    user may take, the counts that block a submission, the comments, whether a version is public."""
    actions = actions_for(user, department)
    state = State(department.state)
    published = department.versions.filter(published_at__isnull=False).order_by("-number").first()
    return {
        "state": state,
        "state_text": describe(state, department.version, published.number if published else None),
        "actions": actions,
        "action_values": [a.value for a in actions],
        "workflow_steps": steps(state),
        "counts": department.review_counts,
        "comments": department.comments.select_related("author", "project")
        .prefetch_related("author__memberships__organisation")
        .order_by("-at")[:50],
        "published_version": published is not None,
    }
