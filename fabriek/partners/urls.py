from django.urls import path

from fabriek.partners import views

app_name = "partners"
urlpatterns = [
    path("", views.partner_list, name="partner-list"),
    path("new/", views.partner_create, name="partner-create"),
    path("<int:pk>/", views.partner_detail, name="partner-detail"),
    path("<int:pk>/edit/", views.partner_edit, name="partner-edit"),
    path("<int:partner>/agreements/new/", views.agreement_create, name="agreement-create"),
    path("<int:partner>/agreements/<int:pk>/edit/", views.agreement_edit, name="agreement-edit"),
    path("referrals/", views.referral_list, name="referral-list"),
    path("referrals/new/", views.referral_create, name="referral-create"),
    path("referrals/new/company-options/", views.referral_company_options, name="referral-company-options"),
    path("referrals/<int:pk>/outcome/", views.referral_outcome, name="referral-outcome"),
]
