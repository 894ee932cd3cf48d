from django.urls import path

from fabriek.surveys import staff_views, views

app_name = "survey-admin"
urlpatterns = [
    path("", staff_views.response_rates, name="response-rates"),
    path("call-list/", staff_views.call_list, name="call-list"),
    path("<int:pk>/enter/", staff_views.staff_entry, name="staff-entry"),
    path("<int:pk>/outflow/", staff_views.outflow_decide, name="outflow-decide"),
    path("<int:pk>/answer/", views.participant_answer, name="participant-answer"),
]
