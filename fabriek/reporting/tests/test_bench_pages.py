"""The measuring pieces of `make bench` that can be tested honestly: percentiles (hand-computed), the
aim per page, the generated section of docs/figures.md, and the HTTP client against a real server (the
staff login, errors counted). No timings are asserted."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from fabriek.reporting.bench import figures, pages, report, scales
from fabriek.reporting.bench.processes import REPORTS, CommandRun, ImportRun


def test_percentiles_interpolate_between_the_nearest_ranks():
    assert pages.percentile([4, 1, 3, 2], 50) == 2.5  # the order given does not matter
    # 1..20: rank 19 x 0.95 = 18.05, between the 19th value (19) and the 20th (20).
    assert pages.percentile(list(range(1, 21)), 95) == pytest.approx(19.05)
    assert pages.percentile([10, 20, 30], 0) == 10
    assert pages.percentile([10, 20, 30], 100) == 30
    assert pages.percentile([10, 20, 30], 25) == 15
    assert pages.percentile([7.5], 95) == 7.5
    with pytest.raises(ValueError):
        pages.percentile([], 50)
    with pytest.raises(ValueError):
        pages.percentile([1], 101)


def test_a_page_meets_the_aim_only_within_twice_the_demo_and_under_150_ms():
    assert report.meets_aim(60.0, 120.0) is True
    assert report.meets_aim(60.0, 121.0) is False  # more than twice the demo's p95
    assert report.meets_aim(100.0, 150.0) is False  # not under 150 ms
    assert report.meets_aim(100.0, 149.9) is True
    assert report.meets_aim(None, 20.0) is None


START, END = figures.START.format(name="make bench"), figures.END.format(name="make bench")
OTHER_START = figures.START.format(name="make bench: import memory")
OTHER_END = figures.END.format(name="make bench: import memory")
DOCUMENT = f"""# Figures

## Benchmark

Hand-written text before.

{START}
old table
{END}

{OTHER_START}
other table
{OTHER_END}

### Import memory

Hand-written text after.
"""


def test_writing_the_section_replaces_only_what_lies_between_the_markers(tmp_path):
    path = tmp_path / "figures.md"
    path.write_text(DOCUMENT)

    figures.write_section(path, "| new | table |\n")
    figures.write_section(path, "| newer | table |")

    assert path.read_text() == DOCUMENT.replace("old table", "| newer | table |")


def test_without_markers_the_section_is_added_at_the_end():
    assert figures.replace_section("# Figures\n", "table") == f"# Figures\n\n{START}\ntable\n{END}\n"


def test_the_markdown_tables_show_missing_values_as_a_dash():
    assert figures.table(("a", "b"), [(1, None)]) == ["| a | b |", "|---|---|", "| 1 | - |"]


def test_the_imports_table_gives_rows_per_second_from_the_command_summary(tmp_path):
    run = ImportRun(
        "bench-national",
        "observations",
        tmp_path / "o.csv",
        3 * 2**20,
        4.0,
        512.4,
        "o.csv: 20000 rows; 20000 created, 0 updated, 0 unchanged, 0 warnings",
    )

    assert report.imports_table([run])[2] == "| bench-national observations | 20,000 | 3.0 | 4.0 | 5,000 | 512 |"


def test_the_commands_table_holds_a_command_to_under_one_second():
    runs = [CommandRun(("report", "indicators"), 0.994), CommandRun(("report", "jobs-created"), 1.0)]

    assert report.commands_table(runs)[2:] == [
        "| `report indicators` | 0.99 | yes |",
        "| `report jobs-created` | 1.00 | **no** |",
    ]


def test_the_report_commands_the_bench_times_are_ones_the_report_command_answers(world):
    # The bench would otherwise time an error message.
    for args in REPORTS:
        out = StringIO()
        call_command("report", "--programme", "ofd", *args, stdout=out)

        assert json.loads(out.getvalue())


@pytest.mark.django_db(transaction=True)
def test_the_client_logs_in_as_staff_finds_the_pages_and_counts_failures_as_errors(world, live_server, settings):
    # As the bench's gunicorn runs: behind a TLS proxy that says so.
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    clients = [pages.Client(live_server.url) for _ in range(2)]
    for client in clients:
        client.login("staff", "password")
    found, first = scales.find_pages(clients[0], "ofd")

    measured = pages.measure(clients, found["companies, page 1"], requests=6, warmup=2)
    missing = pages.measure(clients, pages.Page("missing", ("/p/ofd/no-such-page/",)), requests=3, warmup=0)

    assert found["a company's page"].paths == (f"/p/ofd/companies/{world.ofd.company.pk}/",)
    assert found["in/outflow cell's companies"].paths[0].startswith("/p/ofd/reports/inflow-outflow/companies/?")
    assert set(first) == {"companies, page 1", "dashboard", "in/outflow (default date)", "jobs created"}
    assert (measured.errors, measured.requests, measured.p50 is not None) == ([], 6, True)
    assert len(missing.errors) == 4  # the first request and the three timed ones
    assert missing.errors[0] == "/p/ofd/no-such-page/: HTTP 404"
    with pytest.raises(pages.RequestFailed, match="logging in as staff failed"):
        pages.Client(live_server.url).login("staff", "wrong")


def test_the_bench_logs_in_to_the_demo_with_the_seed_staff_account():
    from fabriek.demo import seed
    from fabriek.reporting.management.commands import bench

    staff = next(user for user in seed.USERS if user.username == bench.DEMO_USER)
    assert (staff.role, bench.DEMO_SLUG, bench.DEMO_PASSWORD) == ("staff", seed.PROGRAMME_SLUG, seed.DEMO_PASSWORD)


def _scale(label, p95s, errors=0):
    results = [
        pages.PageResult(name, 30.0, p95 / 2, p95, 10.0, 60, ["x: HTTP 500"] * errors if n == 0 else [])
        for n, (name, p95) in enumerate(zip(scales.PAGE_NAMES, p95s, strict=True))
    ]
    return scales.ScaleResult(label, results, None, (1.0, 2.0, 3.0))


def test_the_pages_table_compares_each_national_p95_with_the_demo_and_says_whether_all_meet_the_aim():
    demo = _scale("demo", [40, 50, 60, 70, 80, 90])
    good = _scale("national", [80, 100, 120, 140, 149, 90], errors=1)
    slow = _scale("national", [80, 100, 120, 141, 149, 90])

    lines = report.section(
        when=__import__("datetime").datetime(2026, 11, 30, 18, 0),
        machine="a machine",
        database="PostgreSQL 15",
        load=(0.5, 0.4, 0.3),
        programme="bench-national",
        imports=[],
        timings=[],
        scales=[demo, good],
        options={"clients": 4, "requests": 60, "warmup": 8, "repeat": 5},
    )

    assert "| companies, page 1 | 20 | 40 | 10.0 | 30 | 40 | 80 | 10.0 | 2.00 | yes | 1 |" in lines
    assert "| jobs created | 40 | 80 | 10.0 | 30 | 74 | 149 | 10.0 | 1.86 | yes | 0 |" in lines
    assert "Every page within 2x of its demo p95 and under 150 ms: yes." in lines
    assert "Every page within 2x of its demo p95 and under 150 ms: **no**." in report.pages_verdict(demo, slow)
