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
]
