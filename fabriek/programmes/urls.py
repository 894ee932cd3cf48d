from django.urls import path

from fabriek.programmes import views

app_name = "programmes"
urlpatterns = [
    path("", views.location_list, name="location-list"),
    path("new/", views.location_create, name="location-create"),
    path("<int:pk>/", views.location_detail, name="location-detail"),
    path("<int:pk>/edit/", views.location_edit, name="location-edit"),
]
