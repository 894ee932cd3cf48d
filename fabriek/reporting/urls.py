from django.urls import path

from fabriek.reporting import contributions, views

app_name = "reporting"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("reports/indicators/export/", views.indicators_export, name="indicators-export"),
    path("reports/indicators/records/", views.indicator_records, name="indicator-records"),
    path("reports/inflow-outflow/", views.inflow_outflow, name="inflow-outflow"),
    path("reports/inflow-outflow/export/", views.inflow_outflow_export, name="inflow-outflow-export"),
    path("reports/inflow-outflow/companies/", views.inflow_outflow_companies, name="inflow-outflow-companies"),
    path("reports/jobs-created/", views.jobs_created, name="jobs-created"),
    path("reports/jobs-created/export/", views.jobs_created_export, name="jobs-created-export"),
    path("reports/jobs-created/companies/", views.jobs_created_companies, name="jobs-created-companies"),
    path("reports/coverage/companies/", views.coverage_companies, name="coverage-companies"),
    path("reports/contributions/", contributions.contributions_page, name="contributions"),
    path("reports/contributions/export/", contributions.contributions_export, name="contributions-export"),
]
