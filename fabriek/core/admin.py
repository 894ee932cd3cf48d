from typing import Any

from django.contrib import admin

from fabriek.core.audit import log_action
from fabriek.core.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor", "action", "object_repr", "programme_slug"]
    list_filter = ["action", "programme_slug"]
    search_fields = ["object_repr", "action"]
    readonly_fields = [f.name for f in AuditEntry._meta.fields]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False  # the audit log is append-only, in the admin too


class ViewOnlyAdmin(admin.ModelAdmin):
    """The admin shows the programme's records but does not change them: every change goes through the
    pages or the API, whose services validate it and write the audit log (the admin would do neither)."""

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


def _programme_slug(obj: Any) -> str:
    programme = getattr(obj, "programme", None) or getattr(getattr(obj, "plan_period", None), "programme", None)
    return getattr(programme, "slug", "")


def _log(request: Any, obj: Any, verb: str, changes: dict[str, list[Any]] | None = None) -> None:
    log_action(
        actor=request.user,
        action=f"{obj._meta.app_label}.{obj._meta.model_name}.{verb}",
        obj=obj,
        changes=changes or {},
        programme_slug=_programme_slug(obj),
    )


class AuditedAdmin(admin.ModelAdmin):
    """For the configuration kept only in the admin (plan periods, targets, budget lines, packages):
    every change, also in inlines, goes into the audit log with its fields old -> new."""

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        changes = {f: [form.initial.get(f) if change else None, form.cleaned_data.get(f)] for f in form.changed_data}
        super().save_model(request, obj, form, change)
        _log(request, obj, "updated" if change else "created", changes)

    def delete_model(self, request, obj):  # type: ignore[no-untyped-def]
        _log(request, obj, "deleted")
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):  # type: ignore[no-untyped-def]
        for obj in queryset:
            _log(request, obj, "deleted")
        super().delete_queryset(request, queryset)

    def save_formset(self, request, form, formset, change):  # type: ignore[no-untyped-def]
        before = {f.instance.pk: {n: f.initial.get(n) for n in f.changed_data} for f in formset.forms if f.instance.pk}
        super().save_formset(request, form, formset, change)
        for obj in formset.new_objects:
            _log(request, obj, "created")
        for obj, fields in formset.changed_objects:
            old = before.get(obj.pk, {})
            _log(request, obj, "updated", {n: [old.get(n), getattr(obj, n)] for n in fields})
        for obj in formset.deleted_objects:
            _log(request, obj, "deleted")


def audit_every_admin(site: admin.AdminSite) -> None:
    """Every change made in the admin (users, memberships, tokens, axes' lockouts, ...) goes into the audit
    log with the admin's own description of it. `AuditedAdmin`s log their changes in more detail already."""
    for model_admin in site._registry.values():
        if isinstance(model_admin, AuditedAdmin) or getattr(model_admin, "_audited", False):
            continue
        _wrap(model_admin)


def _wrap(model_admin: Any) -> None:
    log_addition, log_change, log_deletions = (
        model_admin.log_addition,
        model_admin.log_change,
        model_admin.log_deletions,
    )

    def addition(request: Any, obj: Any, message: Any) -> Any:
        _log(request, obj, "created_in_admin", {"admin": message})
        return log_addition(request, obj, message)

    def change(request: Any, obj: Any, message: Any) -> Any:
        _log(request, obj, "changed_in_admin", {"admin": message})
        return log_change(request, obj, message)

    def deletions(request: Any, queryset: Any) -> Any:
        for obj in queryset:
            _log(request, obj, "deleted_in_admin")
        return log_deletions(request, queryset)

    model_admin.log_addition, model_admin.log_change, model_admin.log_deletions = addition, change, deletions
    model_admin._audited = True
