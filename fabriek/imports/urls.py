from django.urls import path

from fabriek.imports import views

app_name = "imports"
urlpatterns = [
    path("", views.import_upload, name="import-upload"),
    path("<int:pk>/", views.import_detail, name="import-detail"),
    path("<int:pk>/progress/", views.import_progress, name="import-progress"),
    path("<int:pk>/confirm/", views.import_confirm, name="import-confirm"),
    path("<int:pk>/retry/", views.import_retry, name="import-retry"),
    path("<int:pk>/messages.txt", views.import_messages, name="import-messages"),
]
