from django.urls import path

from fabriek.spaces import calendar_views

app_name = "calendar"
urlpatterns = [
    path("", calendar_views.calendar_settings, name="settings"),
    path("<str:token>.ics", calendar_views.calendar_feed, name="feed"),
]
