from django.apps import AppConfig


class CompaniesConfig(AppConfig):
    name = "fabriek.companies"
    label = "companies"
