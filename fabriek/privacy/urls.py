from django.urls import path

from fabriek.privacy import views

app_name = "privacy"
urlpatterns = [
    path("", views.person_search, name="person-search"),
    path("people/<int:pk>/export/", views.person_export, name="person-export"),
    path("people/<int:pk>/erase/", views.person_erase, name="person-erase"),
]
