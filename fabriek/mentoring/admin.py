from django.contrib import admin

from fabriek.core.admin import ViewOnlyAdmin
from fabriek.mentoring.models import Mentor


@admin.register(Mentor)
class MentorAdmin(ViewOnlyAdmin):
    list_display = ["person", "programme", "active_from", "active_until"]
    list_filter = ["programme"]
    list_select_related = ["person", "programme"]
    search_fields = ["person__name", "person__email"]
    autocomplete_fields = ["person", "programme"]
