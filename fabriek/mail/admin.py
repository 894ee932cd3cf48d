from django.contrib import admin

from fabriek.core.admin import ViewOnlyAdmin
from fabriek.mail.models import OutboxMessage


@admin.register(OutboxMessage)
class OutboxMessageAdmin(ViewOnlyAdmin):
    list_display = ["created_at", "to_display", "subject", "state", "attempts", "programme"]
    list_filter = ["state", "programme"]
    search_fields = ["to_display", "subject"]
    exclude = ["raw"]
