from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "fabriek.core"
    label = "core"

    def ready(self) -> None:
        from django.contrib import admin

        from fabriek.core.admin import audit_every_admin

        # the admin registered every model while the admin app got ready (it comes first)
        audit_every_admin(admin.site)
