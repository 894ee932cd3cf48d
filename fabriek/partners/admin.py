from django.contrib import admin

from fabriek.core.admin import ViewOnlyAdmin
from fabriek.partners.models import Agreement, Partner


class AgreementInline(admin.TabularInline):
    model = Agreement
    extra = 0
    autocomplete_fields = ["programme"]


@admin.register(Partner)
class PartnerAdmin(ViewOnlyAdmin):
    list_display = ["name", "kind"]
    list_filter = ["kind", "programmes"]
    search_fields = ["name"]
    filter_horizontal = ["programmes"]
    inlines = [AgreementInline]


@admin.register(Agreement)
class AgreementAdmin(ViewOnlyAdmin):
    list_display = ["partner", "programme", "started_on", "ended_on"]
    list_filter = ["programme"]
    list_select_related = ["partner", "programme"]
    search_fields = ["partner__name"]
    date_hierarchy = "started_on"
