"""The administrator's view: organisations, memberships and tokens; targets are edited in the application itself."""

from __future__ import annotations

from django.contrib import admin

from jixiao.web.targets import models


@admin.register(models.Organisation)
class OrganisationAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("code", "name", "kind", "parent")
    list_filter = ("kind",)
    search_fields = ("code", "name")
    raw_id_fields = ("parent",)


@admin.register(models.Membership)
class MembershipAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("user", "organisation", "role")
    list_filter = ("role",)
    search_fields = ("user__username", "organisation__name", "organisation__code")
    raw_id_fields = ("user", "organisation")


@admin.register(models.ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("user", "name", "created_at", "last_used_at")
    readonly_fields = ("digest", "created_at", "last_used_at")


@admin.register(models.Department)
class DepartmentAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("year", "code", "name", "organisation", "review_errors", "review_warnings")
    list_filter = ("year",)
    search_fields = ("code", "name")
    readonly_fields = ("revision", "review_errors", "review_warnings", "review_infos")
