"""Django's own auth URLs, so the password-reset mail can be rendered before the app has its reset pages."""

from django.urls import include, path

urlpatterns = [path("accounts/", include("django.contrib.auth.urls"))]
