from django.contrib import admin

from fabriek.events.models import Attendance, Event


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    autocomplete_fields = ["person"]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "programme", "kind", "starts_at", "location"]
    list_filter = ["programme", "kind"]
    list_select_related = ["programme", "location"]
    search_fields = ["title"]
    date_hierarchy = "starts_at"
    filter_horizontal = ["partners"]
    inlines = [AttendanceInline]


@admin.register(Attendance)
class AttendanceAdmin(admin.ModelAdmin):
    list_display = ["person", "event", "checked_in"]
    list_filter = ["checked_in", "event__programme"]
    list_select_related = ["person", "event"]
    search_fields = ["person__name", "person__email", "event__title"]
    autocomplete_fields = ["person", "event"]
