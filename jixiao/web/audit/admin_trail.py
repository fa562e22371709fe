"""What administrators do in the Django admin, itemised on the audit trail: the one place every ModelAdmin goes through.

Every registered admin derives from :class:`AuditedAdmin` (a system check, ``jixiao.E001``, refuses any that does
not). A deletion, single or "delete selected", collects the rows itself with Django's deletion collector, records
one entry per row it will delete (CASCADE included) with its content, and deletes exactly those rows, all in one
transaction: what the trail lists is what went. A change records the changed fields before and after; an addition
the new row. Secrets (password hashes, token digests) are never written, only that they changed.

A model whose service records its deletions in its own way registers that way with :func:`itemise_deletions`
(projects as their canonical JSON, payments as :func:`~jixiao.web.monitoring.services.payment_json`), so an
auditor finds a deletion under the same action whether it was made in the application or in the admin.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeAlias, cast

from django.contrib import admin
from django.contrib.admin.sites import all_sites
from django.core import checks
from django.core.exceptions import FieldDoesNotExist
from django.db import models, router, transaction
from django.db.models import QuerySet
from django.db.models.deletion import Collector
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils.translation import override as translation_override

from jixiao.web.audit.models import AuditEntry, AuditImmutableError
from jixiao.web.audit.services import audit_record

if TYPE_CHECKING:
    from django.apps import AppConfig
    from django.contrib.admin.models import LogEntry
    from django.contrib.contenttypes.fields import GenericForeignKey
    from django.db.models.fields.reverse_related import ForeignObjectRel
    from django.utils.datastructures import _IndexableCollection

# A field as Model._meta.get_field gives it; a change message: Django's JSON text, or the list it holds.
_ModelField: TypeAlias = "models.Field[Any, Any] | ForeignObjectRel | GenericForeignKey"
ChangeMessage: TypeAlias = str | list[Any]

SECRET_FIELDS = frozenset({"password", "digest"})
HIDDEN = "（已隐藏）"
DELETED = "jixiao.admin.deleted"

_recording: ContextVar[bool] = ContextVar("jixiao_admin_recording", default=False)


def admin_recording() -> bool:
    """True while an audited admin action records its rows itself: receivers recording the same rows stand aside."""
    return _recording.get()


@contextmanager
def _standing_aside() -> Iterator[None]:
    token = _recording.set(True)
    try:
        yield
    finally:
        _recording.reset(token)


@dataclass(frozen=True)
class Itemiser:
    """How a deleted row is recorded: its action, content and label, and the child models its content holds."""

    action: str
    content: Callable[[Any], Any]
    includes: tuple[type[models.Model], ...] = ()
    label: Callable[[Any], str] = str


_ITEMISERS: dict[type[models.Model], Itemiser] = {}


def itemise_deletions(
    model: type[models.Model],
    *,
    action: str,
    content: Callable[[Any], Any],
    includes: tuple[type[models.Model], ...] = (),
    label: Callable[[Any], str] = str,
) -> None:
    """Record deleted ``model`` rows as its service does; rows of ``includes`` deleted with one are in its content."""
    _ITEMISERS[model] = Itemiser(action, content, includes, label)


_DERIVED: set[type[models.Model]] = set()


def derived_rows(*models_: type[models.Model]) -> None:
    """Rows recomputed from others (kept sums, stored findings): deleted along, but not itemised on the trail —
    what they were computed from is."""
    _DERIVED.update(models_)


# -- row content ---------------------------------------------------------------------------------------------------


def _value(field: models.Field[Any, Any], row: models.Model) -> Any:
    if field.name in SECRET_FIELDS:
        return HIDDEN
    value = field.value_from_object(row)
    if value is None or isinstance(value, bool | int | float | str | list | dict):
        return value
    return field.value_to_string(row)  # Decimal, dates, UUIDs: as the field writes them


def row_content(row: models.Model) -> dict[str, Any]:
    """Every stored column of ``row`` (foreign keys as ids), secrets hidden."""
    return {field.attname: _value(field, row) for field in row._meta.concrete_fields}


def _ref(row: models.Model) -> str:
    return f"{row._meta.label_lower}#{row.pk}"


# -- deletions -----------------------------------------------------------------------------------------------------


class _Collector(Collector):
    """Django's deletion collector fetching every row it will delete (no fast deletes), noting who took each along."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.parents: dict[models.Model, models.Model] = {}

    def collect(
        self,
        objs: _IndexableCollection[models.Model | None],
        source: type[models.Model] | None = None,
        nullable: bool = False,
        collect_related: bool = True,
        source_attr: str | None = None,
        reverse_dependency: bool = False,
        keep_parents: bool = False,
        fail_on_restricted: bool = True,
    ) -> None:
        rows = list(objs)
        if source is not None and source_attr and not source_attr.endswith("+"):
            name = source_attr % {"class": source._meta.model_name, "app_label": source._meta.app_label}
            for row in rows:
                if row is not None:
                    self.parents.setdefault(row, getattr(row, name))
        super().collect(
            rows, source, nullable, collect_related, source_attr, reverse_dependency, keep_parents, fail_on_restricted
        )

    def related_objects(
        self,
        related_model: type[models.Model],
        related_fields: Iterable[models.Field[Any, Any]],
        objs: _IndexableCollection[models.Model],
    ) -> QuerySet[models.Model]:
        rows = super().related_objects(related_model, related_fields, objs)
        return rows.select_related(*[field.name for field in related_fields])  # the parent, without a query per row

    def can_fast_delete(self, *args: Any, **kwargs: Any) -> bool:
        return False  # a fast delete removes rows nobody has looked at


def _tree(root: models.Model, children: dict[models.Model, list[models.Model]]) -> list[models.Model]:
    """``root`` and every row deleted because of it, parents before children."""
    order, stack = [], [root]
    while stack:
        row = stack.pop()
        order.append(row)
        stack.extend(reversed(sorted(children.get(row, []), key=lambda r: (r._meta.label_lower, str(r.pk)))))
    return order


def _record_row(row: models.Model, params: dict[str, Any], request: HttpRequest | None) -> None:
    itemiser = _ITEMISERS.get(type(row))
    audit_record(
        action=itemiser.action if itemiser else DELETED,
        target=(row._meta.label_lower, row.pk),
        label=itemiser.label(row) if itemiser else str(row),
        before=itemiser.content(row) if itemiser else row_content(row),
        params={"via": "admin", **params},
        request=request,
    )


def _folded(row: models.Model, parent: models.Model | None) -> bool:
    """True when ``row`` is part of its parent's recorded content (an indicator within its project)."""
    itemiser = _ITEMISERS.get(type(parent)) if parent is not None else None
    return itemiser is not None and type(row) in itemiser.includes


def _record(collector: _Collector, roots: Sequence[models.Model], request: HttpRequest | None) -> None:
    children: dict[models.Model, list[models.Model]] = defaultdict(list)
    everything, selected = [row for rows in collector.data.values() for row in rows], set(roots)
    for row in everything:
        parent = collector.parents.get(row)
        if parent is not None and row not in selected:
            children[parent].append(row)
    seen: set[str] = set()
    for root in [*roots, *everything]:  # rows no root reaches (none expected) still get their entry
        if _ref(root) in seen:
            continue
        tree = [row for row in _tree(root, children) if _ref(row) not in seen]
        seen.update(_ref(row) for row in tree)
        recorded = [row for row in tree if not _folded(row, collector.parents.get(row)) and type(row) not in _DERIVED]
        cascade = Counter(row._meta.label_lower for row in recorded[1:])
        _record_row(tree[0], {"cascade": dict(sorted(cascade.items()))}, request)
        for row in recorded[1:]:
            _record_row(row, {"with": _ref(collector.parents[row])}, request)


def delete_recorded(
    rows: Sequence[models.Model], *, request: HttpRequest | None, origin: models.Model | QuerySet[Any] | None = None
) -> None:
    """Delete ``rows`` and everything CASCADE takes along, recording each row first; all or nothing."""
    if not rows:
        return
    using = router.db_for_write(type(rows[0]))
    with transaction.atomic(using=using), _standing_aside():
        collector = _Collector(using=using, origin=origin)
        collector.collect(rows)
        if AuditEntry in collector.data:
            raise AuditImmutableError()
        _record(collector, rows, request)
        collector.delete()


# -- changes and additions -----------------------------------------------------------------------------------------


def _model_field(model: type[models.Model], name: str) -> _ModelField | None:
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:  # a form-only field (password1, …)
        return None


def _field_value(row: models.Model, field: _ModelField) -> Any:
    if field.name in SECRET_FIELDS:
        return HIDDEN
    if field.many_to_many:
        return sorted(getattr(row, field.name).values_list("pk", flat=True))
    return _value(cast("models.Field[Any, Any]", field), row)  # what is not many-to-many is a column of the row


def _changed_fields(model: type[models.Model], names: Iterable[str]) -> list[_ModelField]:
    fields = [_model_field(model, name) for name in names]
    return [field for field in fields if field is not None and (field.concrete or field.many_to_many)]


def _fields_from_message(model: type[models.Model], message: ChangeMessage) -> list[_ModelField]:
    """The model fields a change message names (by name or by untranslated verbose name)."""
    changes = _message_text(message)
    names = [
        name
        for change in changes or []
        if isinstance(change, dict)
        for name in change.get("changed", {}).get("fields", [])
    ]
    with translation_override(None):
        by_label = {str(getattr(f, "verbose_name", f.name)): f.name for f in model._meta.get_fields()}
    return _changed_fields(model, [by_label.get(name, name) for name in names])


_PENDING = "_jixiao_admin_before"


# [type-arg]: ModelAdmin takes no type argument at run time, and this base serves the admin of every model
class AuditedAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """A ModelAdmin whose deletions, changes and additions are itemised on the audit trail (see the module text)."""

    def save_model(self, request: HttpRequest, obj: models.Model, form: ModelForm[Any], change: bool) -> None:
        if change:
            stored = type(obj)._default_manager.filter(pk=obj.pk).first()
            fields = _changed_fields(type(obj), form.changed_data)
            if stored is not None and fields:
                before = {field.name: _field_value(stored, field) for field in fields}
                setattr(request, _PENDING, {**getattr(request, _PENDING, {}), _ref(obj): (fields, before)})
        super().save_model(request, obj, form, change)

    def log_change(self, request: HttpRequest, obj: models.Model, message: ChangeMessage) -> LogEntry:
        fields, before = getattr(request, _PENDING, {}).pop(_ref(obj), (None, None))
        if fields is None:  # changed outside the change form (the password page): the message names the fields
            fields = _fields_from_message(type(obj), message)
            before = {field.name: HIDDEN for field in fields if field.name in SECRET_FIELDS}
        if fields:
            after = {field.name: _field_value(obj, field) for field in fields}
            params = {"via": "admin", "change": _message_text(message)}
            audit_record(action="jixiao.admin.changed", target=obj, before=before, after=after, params=params)
        with _standing_aside():
            return super().log_change(request, obj, message)

    def log_addition(self, request: HttpRequest, obj: models.Model, message: ChangeMessage) -> LogEntry:
        audit_record(action="jixiao.admin.added", target=obj, after=row_content(obj), params={"via": "admin"})
        with _standing_aside():
            return super().log_addition(request, obj, message)

    def log_deletions(self, request: HttpRequest, queryset: QuerySet[Any]) -> list[LogEntry] | LogEntry:
        with _standing_aside():  # the rows are recorded by delete_model / delete_queryset, as they are deleted
            return super().log_deletions(request, queryset)

    def delete_model(self, request: HttpRequest, obj: models.Model) -> None:
        delete_recorded([obj], request=request, origin=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        delete_recorded(list(queryset), request=request, origin=queryset)


def _message_text(message: ChangeMessage) -> Any:  # the JSON of a change message: lists and dicts of text
    return json.loads(message) if isinstance(message, str) and message.startswith("[") else message


@checks.register(checks.Tags.admin)
def check_every_admin_is_audited(app_configs: Sequence[AppConfig] | None, **kwargs: Any) -> list[checks.CheckMessage]:
    """jixiao.E001: an admin that does not derive from :class:`AuditedAdmin` would change data off the trail."""
    return [
        checks.Error(
            f"{type(model_admin).__name__} ({model._meta.label}) does not record to the audit trail.",
            hint="Derive it from jixiao.web.audit.admin_trail.AuditedAdmin.",
            obj=model_admin,
            id="jixiao.E001",
        )
        for site in list(all_sites)
        for model, model_admin in site._registry.items()
        if not isinstance(model_admin, AuditedAdmin)
    ]
