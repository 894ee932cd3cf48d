from django.urls import path

from fabriek.mentoring import views

app_name = "mentoring"
urlpatterns = [
    path("", views.mentor_list, name="mentor-list"),
    path("new/", views.mentor_create, name="mentor-create"),
    path("<int:pk>/", views.mentor_detail, name="mentor-detail"),
    path("<int:pk>/edit/", views.mentor_edit, name="mentor-edit"),
    path("<int:pk>/mentees/add/", views.mentor_match_create, name="mentor-match-create"),
    path("<int:pk>/mentees/<int:match>/end/", views.mentor_match_end, name="mentor-match-end"),
    path("match/", views.match_suggest, name="match-suggest"),
    path("matches/<int:pk>/", views.match_detail, name="match-detail"),
    path("matches/<int:pk>/respond/", views.match_respond, name="match-respond"),
    path("matches/<int:pk>/sessions/new/", views.session_create, name="session-create"),
    path("sessions/<int:pk>/follow-up/", views.session_follow_up, name="session-follow-up"),
    path("needs/<int:company>/", views.needs_edit, name="needs-edit"),
    path("hours/", views.mentor_hours, name="mentor-hours"),
]
