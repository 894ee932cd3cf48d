from django.urls import path

from fabriek.deletions import views

app_name = "deletions"
urlpatterns = [
    path("", views.deletion_list, name="deletion-list"),
    path("<int:pk>/undo/", views.deletion_undo_view, name="deletion-undo"),
]
