"""The migration that gave figures their programme: every existing figure stays visible to every programme that
saw it before (a copy per further programme of its company), so no report changes by migrating."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("metrics", "0003_observation_programme")]
AFTER = [("metrics", "0005_observation_programme_required")]


@pytest.mark.django_db(transaction=True)
def test_each_programme_of_a_company_keeps_its_figures() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    Programme = apps.get_model("programmes", "Programme")
    Company = apps.get_model("companies", "Company")
    Observation = apps.get_model("metrics", "Observation")
    first = Programme.objects.create(name="Eerste", slug="eerste")
    second = Programme.objects.create(name="Tweede", slug="tweede")
    shared = Company.objects.create(kvk_number="12345678", name="Gedeeld BV")
    shared.programmes.add(first, second)
    alone = Company.objects.create(kvk_number="23456789", name="Alleen BV")
    alone.programmes.add(second)
    day = datetime.date(2017, 3, 1)
    Observation.objects.create(company=shared, observed_on=day, employees=4, interns=1, source="staff")
    Observation.objects.create(company=alone, observed_on=day, employees=7, interns=0, source="survey")

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)

    apps = executor.loader.project_state(AFTER).apps
    Observation = apps.get_model("metrics", "Observation")
    rows = sorted(
        Observation.objects.values_list("company__name", "programme__slug", "observed_on", "employees", "interns")
    )
    assert rows == [
        ("Alleen BV", "tweede", day, 7, 0),
        ("Gedeeld BV", "eerste", day, 4, 1),
        ("Gedeeld BV", "tweede", day, 4, 1),
    ]
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
