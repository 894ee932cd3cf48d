from django.contrib import admin

from fabriek.core.admin import ViewOnlyAdmin
from fabriek.participation.models import Participation


@admin.register(Participation)
class ParticipationAdmin(ViewOnlyAdmin):
    list_display = ["company", "programme", "location", "package", "started_on", "ended_on", "outflow_status"]
    list_filter = ["programme", "location", "package__kind", "outflow_status"]
    search_fields = ["company__name", "company__kvk_number"]
    list_select_related = ["company", "programme", "location", "package"]
    autocomplete_fields = ["company"]
    date_hierarchy = "started_on"
