from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "fabriek.accounts"
    label = "accounts"
