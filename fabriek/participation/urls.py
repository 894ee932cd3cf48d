from django.urls import path

from fabriek.participation import views

app_name = "participation"
urlpatterns = [
    path("", views.participation_list, name="participation-list"),
    path("new/", views.participation_create, name="participation-create"),
    path("new/company-options/", views.company_options, name="company-options"),
    path("new-starter/", views.starter_create, name="starter-create"),
    path("<int:pk>/", views.participation_detail, name="participation-detail"),
    path("<int:pk>/edit/", views.participation_edit, name="participation-edit"),
    path("<int:pk>/delete/", views.participation_delete, name="participation-delete"),
]
