from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from config.api import api
from config.views import healthz
from fabriek.accounts import audit_views
from fabriek.accounts import views as account_views
from fabriek.people import views as people_views

programme_urls: list[URLPattern | URLResolver] = [
    path("", include("fabriek.reporting.urls")),
    path("companies/", include("fabriek.companies.urls")),
    path("companies/<int:company>/observations/", include("fabriek.metrics.urls")),
    path("participations/", include("fabriek.participation.urls")),
    path("locations/", include("fabriek.programmes.urls")),
    path("partners/", include("fabriek.partners.urls")),
    path("mentors/", include("fabriek.mentoring.urls")),
    path("events/", include("fabriek.events.urls")),
    path("imports/", include("fabriek.imports.urls")),
    path("audit/", audit_views.audit_log, name="audit-log"),
    path("", include("fabriek.intake.urls")),  # leads/, applications/ and the public apply/
    path("mail/", include("fabriek.mail.urls")),
    path("invitations/", include("fabriek.accounts.programme_urls")),
    path("deleted/", include("fabriek.deletions.urls")),
    path("privacy/", include("fabriek.privacy.urls")),
    path("people/", include("fabriek.people.urls")),
    path("home/", include("fabriek.homes.urls")),
    path("spaces/", include("fabriek.spaces.urls")),
    path("surveys/", include("fabriek.surveys.programme_urls")),
]

urlpatterns = [
    path("", account_views.home, name="home"),
    path("accounts/", include("fabriek.accounts.urls")),
    path("accounts/profile/", people_views.profile, name="profile"),
    path("i18n/setlang/", people_views.language_set, name="set_language"),
    path("healthz", healthz, name="healthz"),
    path("calendar/", include("fabriek.spaces.calendar_urls")),
    path("survey/", include("fabriek.surveys.urls")),
    path("p/<slug:programme>/", include(programme_urls)),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

handler400 = "config.views.bad_request"
