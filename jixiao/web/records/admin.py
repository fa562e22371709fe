"""The administrator's view: organisations, memberships and tokens; targets are edited in the application itself.

Every admin here records to the audit trail (:class:`~jixiao.web.audit.admin_trail.AuditedAdmin`); a project deleted
with its department is recorded as ``project_delete`` records it: its canonical JSON, indicators included.
"""

from __future__ import annotations

from django.contrib import admin

from jixiao.formats import canonical
from jixiao.web.audit.admin_trail import AuditedAdmin, derived_rows, itemise_deletions
from jixiao.web.records import models
from jixiao.web.records.services import project_document


def _project_json(project: models.Project) -> str:
    return canonical.dumps(canonical.project_to_dict(project_document(project)))


itemise_deletions(
    models.Project,
    action="jixiao.project.deleted",
    content=_project_json,
    includes=(models.Indicator, models.SpendingCheckpoint),
)


@admin.register(models.Organisation)
class OrganisationAdmin(AuditedAdmin):
    list_display = ("code", "name", "kind", "parent")
    list_filter = ("kind",)
    search_fields = ("code", "name")
    raw_id_fields = ("parent",)


@admin.register(models.Membership)
class MembershipAdmin(AuditedAdmin):
    list_display = ("user", "organisation", "role")
    list_filter = ("role",)
    search_fields = ("user__username", "organisation__name", "organisation__code")
    raw_id_fields = ("user", "organisation")


@admin.register(models.ApiToken)
class ApiTokenAdmin(AuditedAdmin):
    list_display = ("user", "name", "created_at", "last_used_at")
    readonly_fields = ("digest", "created_at", "last_used_at")


@admin.register(models.Department)
class DepartmentAdmin(AuditedAdmin):
    list_display = ("year", "code", "name", "organisation", "review_errors", "review_warnings")
    list_filter = ("year",)
    search_fields = ("code", "name")
    readonly_fields = ("revision", "review_errors", "review_warnings", "review_infos")


derived_rows(models.StoredReview)  # findings as of the last save: recomputed from the recorded targets
