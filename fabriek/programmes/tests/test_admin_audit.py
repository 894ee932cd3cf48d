"""Targets and plans are edited in the admin; every such change is in the audit log."""

from fabriek.core.models import AuditEntry
from fabriek.programmes.models import Target


def test_changing_a_target_in_the_admin_is_logged_with_old_and_new(client, world) -> None:  # type: ignore[no-untyped-def]
    target = Target.objects.create(plan_period=world.ofd.plan, indicator="events", value=18)
    client.force_login(world.users["superuser"])
    response = client.post(
        f"/admin/programmes/target/{target.pk}/change/",
        {"plan_period": world.ofd.plan.pk, "indicator": "events", "value": "20"},
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="programmes.target.updated")
    assert entry.changes == {"value": [18, 20]}
    assert entry.programme_slug == "ofd"
    assert entry.actor == world.users["superuser"]


def test_a_target_added_in_the_plan_periods_inline_is_logged(client, world) -> None:  # type: ignore[no-untyped-def]
    plan = world.ofd.plan
    client.force_login(world.users["superuser"])
    response = client.post(
        f"/admin/programmes/planperiod/{plan.pk}/change/",
        {
            "programme": plan.programme.pk,
            "name": plan.name,
            "starts_on": "2017-01-01",
            "ends_on": "2019-12-31",
            "targets-TOTAL_FORMS": "1",
            "targets-INITIAL_FORMS": "0",
            "targets-0-indicator": "mentors",
            "targets-0-value": "15",
            "budget_lines-TOTAL_FORMS": "0",
            "budget_lines-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.context["errors"] if response.context else response
    assert Target.objects.get(plan_period=plan, indicator="mentors").value == 15
    assert AuditEntry.objects.filter(action="programmes.target.created", programme_slug="ofd").count() == 1
