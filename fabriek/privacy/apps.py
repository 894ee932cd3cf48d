from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    """A person's rights: everything the programme holds about them (export), and erasure."""

    name = "fabriek.privacy"
    label = "privacy"
