from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from fabriek.accounts.models import ApiToken, Membership, User


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "user"
    extra = 0
    # Raw ids: the company and partner lists grow large, and their admins live in higher apps.
    raw_id_fields = ["location", "company", "partner"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "programme", "role", "location", "company", "partner"]
    list_filter = ["programme", "role"]
    search_fields = ["user__username", "user__email", "user__first_name", "user__last_name"]
    list_select_related = ["user", "programme", "location", "company", "partner"]
    raw_id_fields = ["user", "location", "company", "partner"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are created where their raw value can be shown once; here they can be seen and revoked."""

    list_display = ["user", "name", "scope", "created_at", "expires_at", "last_used_at"]
    list_filter = ["scope"]
    search_fields = ["user__username", "name"]
    list_select_related = ["user"]
    readonly_fields = ["user", "name", "scope", "key_hash", "created_at", "expires_at", "last_used_at"]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False
