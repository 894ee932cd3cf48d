from django.contrib import admin

from fabriek.core.admin import AuditedAdmin, ViewOnlyAdmin
from fabriek.surveys.models import SurveyDefinition, SurveyInvitation, SurveyQuestion


class SurveyQuestionInline(admin.TabularInline):  # type: ignore[type-arg]
    model = SurveyQuestion
    extra = 1
    fields = ["position", "key", "type", "text_nl", "text_en", "choices", "required"]


@admin.register(SurveyDefinition)
class SurveyDefinitionAdmin(AuditedAdmin):
    """A programme's survey texts and own questions (the core questions are always asked)."""

    list_display = ["programme", "kind", "title_nl"]
    list_filter = ["programme", "kind"]
    inlines = [SurveyQuestionInline]


@admin.register(SurveyInvitation)
class SurveyInvitationAdmin(ViewOnlyAdmin):
    list_display = ["company", "kind", "reference_date", "sent_on", "reminders_sent", "opened_at", "answered_at"]
    list_filter = ["programme", "kind"]
    search_fields = ["company__name", "company__kvk_number"]
    list_select_related = ["company"]
    date_hierarchy = "sent_on"
