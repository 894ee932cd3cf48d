from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "fabriek.accounts"
    label = "accounts"

    def ready(self) -> None:
        from fabriek.accounts import signals  # noqa: F401  (connects the audit receivers)
