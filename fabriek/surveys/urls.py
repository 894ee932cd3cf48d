"""The survey pages outside any programme: the mail's link and the clean page it leads to."""

from django.urls import path

from fabriek.surveys import views

app_name = "surveys"
urlpatterns = [
    path("", views.survey_answer, name="answer"),
    path("<str:token>/", views.survey_open, name="open"),
]
