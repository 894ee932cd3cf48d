from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from fabriek.accounts.access import authenticated_view, public_view
from fabriek.accounts.forms import LoginForm
from fabriek.accounts.homes import home_url_name
from fabriek.accounts.models import Role

login = public_view(auth_views.LoginView.as_view(template_name="accounts/login.html", authentication_form=LoginForm))
logout = public_view(auth_views.LogoutView.as_view())


@authenticated_view
def home(request: HttpRequest) -> HttpResponse:
    """Send the user to their home in their programme (see `fabriek.accounts.homes`); with several
    programmes, let them choose."""
    memberships = list(request.user.memberships.select_related("programme").order_by("programme__name"))  # type: ignore[union-attr]
    if len(memberships) == 1:
        return redirect(home_url_name(memberships[0].role), programme=memberships[0].programme.slug)
    if not memberships and request.user.is_superuser:
        from django.apps import apps

        programmes = apps.get_model("programmes", "Programme").objects.order_by("name")
        choices = [(p, reverse(home_url_name(Role.STAFF), kwargs={"programme": p.slug})) for p in programmes]
    else:
        choices = [
            (m.programme, reverse(home_url_name(m.role), kwargs={"programme": m.programme.slug})) for m in memberships
        ]
    return render(request, "accounts/home.html", {"choices": choices})
