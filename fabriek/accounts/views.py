from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from fabriek.accounts.access import authenticated_view, public_view
from fabriek.accounts.forms import LoginForm

login = public_view(auth_views.LoginView.as_view(template_name="accounts/login.html", authentication_form=LoginForm))
logout = public_view(auth_views.LogoutView.as_view())


@authenticated_view
def home(request: HttpRequest) -> HttpResponse:
    """Send the user to their programme's dashboard; with several programmes, let them choose."""
    memberships = list(request.user.memberships.select_related("programme").order_by("programme__name"))  # type: ignore[union-attr]
    if len(memberships) == 1:
        return redirect("reporting:dashboard", programme=memberships[0].programme.slug)
    if not memberships and request.user.is_superuser:
        from django.apps import apps

        programmes = list(apps.get_model("programmes", "Programme").objects.order_by("name"))
    else:
        programmes = [m.programme for m in memberships]
    return render(request, "accounts/home.html", {"programmes": programmes})
