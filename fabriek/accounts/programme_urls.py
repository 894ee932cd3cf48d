from django.urls import path

from fabriek.accounts import invitation_views

app_name = "invitations"
urlpatterns = [
    path("", invitation_views.invitation_list, name="invitation-list"),
]
