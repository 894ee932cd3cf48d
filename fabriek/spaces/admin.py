from django.contrib import admin

from fabriek.core.admin import ViewOnlyAdmin
from fabriek.spaces.models import Desk, DeskAssignment, DeskBooking, Room, RoomBooking


@admin.register(Desk)
class DeskAdmin(ViewOnlyAdmin):
    list_display = ["label", "location", "kind", "active"]
    list_filter = ["location__programme", "kind", "active"]
    list_select_related = ["location"]


@admin.register(Room)
class RoomAdmin(ViewOnlyAdmin):
    list_display = ["name", "location", "capacity", "opens_at_hour", "closes_at_hour", "active"]
    list_select_related = ["location"]


@admin.register(DeskAssignment)
class DeskAssignmentAdmin(ViewOnlyAdmin):
    list_display = ["desk", "participation", "assigned_on", "released_on"]
    list_select_related = ["desk__location", "participation__company"]


@admin.register(DeskBooking)
class DeskBookingAdmin(ViewOnlyAdmin):
    list_display = ["day", "desk", "company", "checked_in_at"]
    list_filter = ["programme"]
    list_select_related = ["desk__location", "company"]
    date_hierarchy = "day"


@admin.register(RoomBooking)
class RoomBookingAdmin(ViewOnlyAdmin):
    list_display = ["day", "room", "start_hour", "end_hour", "company"]
    list_select_related = ["room__location", "company"]
    date_hierarchy = "day"
