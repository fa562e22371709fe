"""Who may enter in-year data: an editing role over the organisation, whatever the targets' workflow state.

Viewing follows the targets (:func:`jixiao.web.records.permissions.can_view`): whoever may read a department's
targets may read its payments, monitoring and self-evaluation. Reviewers and auditors read only.
"""

from __future__ import annotations

from jixiao.domain.workflow import Role
from jixiao.web.records import permissions
from jixiao.web.records.models import Department
from jixiao.web.requests import Visitor

ENTRY_ROLES = frozenset({Role.EDITOR, Role.APPROVER, Role.ADMIN})


def can_enter(user: Visitor, department: Department) -> bool:
    """Entering payments, monitoring and self-evaluation: the unit's editor or approver, or an administrator.

    Unlike targets these are not frozen once the targets are approved: they are the year's data, entered after it.
    """
    return bool(ENTRY_ROLES & permissions.roles_for(user, department.organisation))
