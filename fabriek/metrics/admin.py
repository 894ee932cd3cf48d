from django.contrib import admin

from fabriek.core.admin import ViewOnlyAdmin
from fabriek.metrics.models import Observation


@admin.register(Observation)
class ObservationAdmin(ViewOnlyAdmin):
    list_display = ["company", "observed_on", "source", "employees", "interns", "fte", "revenue_cents"]
    list_filter = ["source"]
    search_fields = ["company__name", "company__kvk_number"]
    list_select_related = ["company"]
    autocomplete_fields = ["company"]
    date_hierarchy = "observed_on"
