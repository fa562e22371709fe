"""Who may see and change what: a membership reaches its organisation's whole subtree (pages, API, exports)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from jixiao.domain import workflow
from jixiao.domain.workflow import Role, State
from jixiao.web.records.models import Department, Membership, Organisation
from jixiao.web.requests import Visitor

if TYPE_CHECKING:
    from django.contrib.auth.models import User

VIEW_ROLES = frozenset(Membership.Role.values)
EDIT_ROLES = frozenset({Membership.Role.EDITOR, Membership.Role.ADMIN})
IMPORT_ROLES = EDIT_ROLES


def _memberships(user: Visitor) -> list[Membership]:
    if not user.is_authenticated:
        return []
    cached: list[Membership] | None = getattr(user, "_jixiao_memberships", None)
    if cached is None:
        cached = list(Membership.objects.select_related("organisation").filter(user=user))
        user._jixiao_memberships = cached  # type: ignore[attr-defined]  # a cache for the request, kept on its user
    return cached


def _paths(user: Visitor, roles: frozenset[str]) -> list[str]:
    return [m.organisation.path for m in _memberships(user) if m.role in roles]


def _within(paths: list[str], prefix: str) -> Q:
    query = Q(pk__in=[])
    for path in paths:
        query |= Q(**{f"{prefix}path__startswith": path})
    return query


def visible_organisations(user: Visitor, roles: frozenset[str] = VIEW_ROLES) -> QuerySet[Organisation]:
    if getattr(user, "is_superuser", False):
        return Organisation.objects.all()
    return Organisation.objects.filter(_within(_paths(user, roles), ""))


def visible_departments(user: Visitor) -> QuerySet[Department]:
    """The department-years the user may read."""
    if getattr(user, "is_superuser", False):
        return Department.objects.all()
    return Department.objects.filter(_within(_paths(user, VIEW_ROLES), "organisation__"))


def _reaches(user: Visitor, organisation: Organisation, roles: frozenset[str]) -> bool:
    if getattr(user, "is_superuser", False):
        return True
    return any(organisation.path.startswith(path) for path in _paths(user, roles))


def can_view(user: Visitor, department: Department) -> bool:
    return _reaches(user, department.organisation, VIEW_ROLES)


def roles_for(user: Visitor, organisation: Organisation) -> frozenset[Role]:
    """The workflow roles the user holds over ``organisation`` (through it or an ancestor); superusers are admins."""
    roles = {Role(m.role) for m in _memberships(user) if organisation.path.startswith(m.organisation.path)}
    if getattr(user, "is_superuser", False):
        roles.add(Role.ADMIN)
    return frozenset(roles)


def can_edit(user: Visitor, department: Department) -> bool:
    """Changing targets: an editing role over the organisation, and the set is a draft or was returned."""
    return workflow.can_edit(State(department.state), roles_for(user, department.organisation))


def can_manage_publication(user: Visitor, department: Department) -> bool:
    """Setting a project's publish flag: the unit's approver, finance, or an administrator."""
    return bool({Role.APPROVER, Role.FINANCE_REVIEWER, Role.ADMIN} & roles_for(user, department.organisation))


def can_comment(user: Visitor, department: Department) -> bool:
    """Writing review comments: the reviewers (and administrators)."""
    return bool(
        {Role.DEPARTMENT_REVIEWER, Role.FINANCE_REVIEWER, Role.ADMIN} & roles_for(user, department.organisation)
    )


def users_with_roles(organisation: Organisation, roles: frozenset[Role]) -> list[User]:
    """Users holding any of ``roles`` over ``organisation`` (on it or an ancestor): whom to notify."""
    ancestors = [int(part) for part in organisation.path.strip("/").split("/") if part]
    members = Membership.objects.filter(organisation_id__in=ancestors, role__in=[r.value for r in roles])
    return list({m.user_id: m.user for m in members.select_related("user")}.values())


def editable_organisations(user: Visitor) -> QuerySet[Organisation]:
    """Organisations the user may import documents into."""
    return visible_organisations(user, IMPORT_ROLES)
