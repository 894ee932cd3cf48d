from django.urls import path

from fabriek.mail import views

app_name = "mail"
urlpatterns = [
    path("", views.outbox_list, name="outbox-list"),
    path("<int:pk>/retry/", views.outbox_retry, name="outbox-retry"),
]
