"""Included under p/<programme>/companies/<int:company>/observations/ (see config/urls.py)."""

from django.urls import path

from fabriek.metrics import views

app_name = "metrics"
urlpatterns = [
    path("new/", views.observation_create, name="observation-create"),
    path("<int:pk>/edit/", views.observation_edit, name="observation-edit"),
    path("<int:pk>/delete/", views.observation_delete, name="observation-delete"),
]
