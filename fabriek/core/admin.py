from django.contrib import admin

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


class ViewOnlyAdmin(admin.ModelAdmin):
    """The admin shows the programme's records but does not change them: every change goes through the
    pages or the API, whose services validate it and write the audit log (the admin would do neither)."""

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
