from django.urls import path

from fabriek.intake import public_views, views

app_name = "intake"
urlpatterns = [
    path("leads/", views.lead_list, name="lead-list"),
    path("leads/new/", views.lead_create, name="lead-create"),
    path("leads/<int:pk>/", views.lead_detail, name="lead-detail"),
    path("leads/<int:pk>/edit/", views.lead_edit, name="lead-edit"),
    path("applications/", views.application_list, name="application-list"),
    path("applications/new/", views.application_create, name="application-create"),
    path("applications/<int:pk>/", views.application_detail, name="application-detail"),
    path("applications/<int:pk>/reviewers/", views.reviewer_assign, name="reviewer-assign"),
    path("applications/<int:pk>/review/", views.review_edit, name="review-edit"),
    path("applications/<int:pk>/decision/", views.decision_create, name="decision-create"),
    path("partners/scorecard/", views.partner_scorecard, name="partner-scorecard"),
    # public: no login
    path("apply/", public_views.apply, name="apply"),
    path("apply/thanks/", public_views.apply_done, name="apply-done"),
    path("apply/kvk/", public_views.apply_kvk, name="apply-kvk"),
]
