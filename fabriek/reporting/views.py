from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from fabriek.accounts.access import ALL_ROLES, programme_view
from fabriek.programmes.models import Indicator


@programme_view(ALL_ROLES)
def dashboard(request: HttpRequest) -> HttpResponse:
    plan = request.programme.plan_periods.prefetch_related("targets").order_by("-starts_on").first()  # type: ignore[attr-defined]
    targets = {t.indicator: t.value for t in plan.targets.all()} if plan else {}
    rows = [{"key": key, "label": label, "target": targets.get(key)} for key, label in Indicator.choices]
    return render(request, "reporting/dashboard.html", {"plan": plan, "rows": rows})
