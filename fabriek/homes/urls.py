from django.urls import path

from fabriek.homes import views

app_name = "homes"
urlpatterns = [
    path("", views.home, name="home"),
]
