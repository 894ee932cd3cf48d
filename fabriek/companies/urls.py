from django.urls import path

from fabriek.companies import views

app_name = "companies"
urlpatterns = [
    path("", views.company_list, name="company-list"),
    path("new/", views.company_create, name="company-create"),
    path("<int:pk>/", views.company_detail, name="company-detail"),
    path("<int:pk>/edit/", views.company_edit, name="company-edit"),
    path("<int:pk>/delete/", views.company_delete, name="company-delete"),
    path("<int:pk>/people/add/", views.company_person_add, name="company-person-add"),
    path("<int:pk>/people/<int:role>/remove/", views.company_person_remove, name="company-person-remove"),
]
