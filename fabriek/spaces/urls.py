from django.urls import path

from fabriek.spaces import views

app_name = "spaces"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("locations/<int:pk>/", views.location_spaces, name="location"),
    path("locations/<int:pk>/occupancy/", views.location_occupancy, name="occupancy"),
    path("locations/<int:pk>/desks/new/", views.desk_create, name="desk-create"),
    path("locations/<int:pk>/rooms/new/", views.room_create, name="room-create"),
    path("desks/<int:pk>/edit/", views.desk_edit, name="desk-edit"),
    path("desks/<int:pk>/assign/", views.desk_assign, name="desk-assign"),
    path("rooms/<int:pk>/edit/", views.room_edit, name="room-edit"),
    path("rooms/<int:pk>/book/", views.room_booking_create, name="room-booking-create"),
    path("room-bookings/<int:pk>/cancel/", views.room_booking_cancel, name="room-booking-cancel"),
    path("stays/<int:pk>/outflow/", views.stay_outflow, name="stay-outflow"),
    path("book/", views.book, name="book"),
    path("bookings/new/", views.booking_create, name="booking-create"),
    path("waiting-list/", views.waitlist_join, name="waitlist-join"),
    path("bookings/<int:pk>/cancel/", views.booking_cancel, name="booking-cancel"),
    path("bookings/<int:pk>/check-in/", views.booking_check_in, name="booking-check-in"),
]
