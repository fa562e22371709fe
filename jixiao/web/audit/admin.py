"""The audit trail in the Django admin: read-only (nothing can be added, changed or deleted there).

Django's group admin is registered again here, deriving from :class:`~jixiao.web.audit.admin_trail.AuditedAdmin`,
so that its changes and deletions are itemised too; the user admin is the accounts app's (password resets).
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin
from django.contrib.auth.models import Group
from django.http import HttpRequest

from jixiao.web.audit.admin_trail import AuditedAdmin
from jixiao.web.audit.models import AuditEntry


class AuditedGroupAdmin(AuditedAdmin, GroupAdmin):
    pass


admin.site.unregister(Group)
admin.site.register(Group, AuditedGroupAdmin)


@admin.register(AuditEntry)
class AuditEntryAdmin(AuditedAdmin):
    list_display = ("seq", "at", "username", "ip", "action", "object_type", "object_id", "label")
    list_filter = ("action",)
    search_fields = ("username", "action", "object_id", "label")
    date_hierarchy = "at"
    readonly_fields = [field.name for field in AuditEntry._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: AuditEntry | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: AuditEntry | None = None) -> bool:
        return False
