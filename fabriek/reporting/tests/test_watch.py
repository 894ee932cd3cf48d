"""Every table the figures are computed from is watched (`reporting.watch`): a record of a kind the reports
read but nobody watches would change a number without raising the figures version, and the stored summary
would go on serving the old one."""

import datetime
import re

from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fabriek.companies.services import company_delete
from fabriek.reporting import summary, watch
from fabriek.reporting.tests.histories import company, figure, make_programme, stay

#: Tables the reports read that need no watching, and why.
NOT_WATCHED = {
    "programmes_programme": "the programme itself: its id and slug never change",
    "programmes_planperiod": "plan periods and their targets are read afresh on every page, never stored",
    "programmes_target": "plan periods and their targets are read afresh on every page, never stored",
    "programmes_figuresversion": "the version itself",
    "reporting_figuressummary": "the summary itself",
}


def test_every_table_the_figures_read_is_watched(db) -> None:  # type: ignore[no-untyped-def]
    world = make_programme()
    acme = company(world)
    stay(world, acme, "2017-01-01", "2018-06-30")
    figure(acme, "2017-01-01", 2)
    period = (datetime.date(2017, 1, 1), datetime.date(2019, 12, 31))
    with CaptureQueriesContext(connection) as queries:
        figures = summary.Figures(world.programme)
        figures.indicators([period])
        figures.indicators([period], location=world.locations["Assen"])
        figures.inflow_outflow(on=period[1])
        figures.jobs_created(start=period[0], end=period[1])
        figures.data_coverage(on=period[1], start=period[0])
        figures.company_order()

    read = {
        table
        for query in queries.captured_queries
        if not query["sql"].startswith(("INSERT", "DELETE", "SAVEPOINT", "RELEASE"))
        for table in re.findall(r'(?:FROM|JOIN)\s+"(\w+)"', query["sql"])
    }
    watched = {model._meta.db_table for model in watch.WATCHED}
    models = {model._meta.db_table: model for model in apps.get_models(include_auto_created=True)}
    assert read >= {"metrics_observation", "participation_participation", "events_attendance"}  # it did look
    assert read <= set(models)
    assert sorted(read - watched - set(NOT_WATCHED)) == []


def test_deleting_a_company_with_many_figures_raises_the_versions_once(db) -> None:  # type: ignore[no-untyped-def]
    world = make_programme()
    acme = company(world)
    stay(world, acme, "2017-01-01")
    for day in range(1, 29):
        figure(acme, f"2017-02-{day:02d}", day)
    before = summary.Figures(world.programme).version

    with CaptureQueriesContext(connection) as context:
        company_delete(actor=None, programme=world.programme, company=acme)

    raises = [query for query in context.captured_queries if "figuresversion" in query["sql"]]
    assert len(raises) == 1  # 28 figures, a stay and the company's links: one statement
    assert summary.Figures(world.programme).version == before + 1
