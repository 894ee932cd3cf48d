from django.urls import path

from fabriek.events import public_views, series_views, views

app_name = "events"
urlpatterns = [
    path("", views.event_list, name="event-list"),
    path("new/", views.event_create, name="event-create"),
    path("<int:pk>/", views.event_detail, name="event-detail"),
    path("<int:pk>/edit/", views.event_edit, name="event-edit"),
    path("<int:pk>/check-in/", views.event_check_in, name="event-check-in"),
    path("<int:pk>/attendees.csv", views.attendee_export, name="attendee-export"),
    path("<int:pk>/delete/", views.event_delete, name="event-delete"),
    path("<int:event>/attendance/", views.attendance_create, name="attendance-create"),
    path("<int:event>/attendance/<int:pk>/check-in/", views.attendance_toggle, name="attendance-toggle"),
    path("<int:event>/attendance/<int:pk>/delete/", views.attendance_delete, name="attendance-delete"),
    path("series/", series_views.series_list, name="series-list"),
    path("series/new/", series_views.series_create, name="series-create"),
    path("series/<int:pk>/", series_views.series_detail, name="series-detail"),
    path("series/<int:pk>/edit/", series_views.series_edit, name="series-edit"),
    path("series/company/<int:company>/", series_views.company_series, name="company-series"),
    # the short link in a confirmation mail's QR code, for a logged-in staff phone
    path("c/<str:code>/", views.check_in_code, name="check-in-code"),
    # public: no login (the event page itself is `event-detail`, for members and visitors alike)
    path("<int:pk>/register/", public_views.event_register, name="event-register"),
    path("registrations/<str:token>/cancel/", public_views.registration_cancel, name="registration-cancel"),
]
