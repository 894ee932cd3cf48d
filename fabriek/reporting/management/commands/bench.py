"""`manage.py bench`: national-scale data through the imports, the reports against hand-written SQL, and
the pages at demo and at national scale behind gunicorn.

    manage.py bench [--companies 20000] [--observations 2000000] [--scale 1.0] [--repeat 5] [--keep]
                    [--force] [--seed 2017] [--reuse] [--direct] [--programme bench-national]
                    [--pages] [--clients 4] [--requests 60] [--warmup 8]
                    [--load-seconds 0] [--load-clients 8] [--figures docs/figures.md]

A benchmark, not a test (issues 3 and 8). `make bench` runs it against a throwaway PostgreSQL:
1. it generates the data (`fabriek.reporting.bench.generate`) into the database DATABASE_URL points at:
   the companies, stays and observations as CSV files imported with `manage.py import_records`, each in a
   process of its own whose time and peak memory are reported (--direct bulk-loads them instead);
2. it refreshes the planner's statistics, then times every report through the ORM and through its
   hand-written SQL on the largest programme; a report whose two versions disagree is reported loudly and
   makes the command fail;
3. with --pages it loads the OFD demo (`load_demo`) into a second database, times `manage.py report` on it
   (each report a few times, a fresh process each), serves it and then the national data with
   gunicorn (4 workers, DEBUG off) and times the report pages and their company lists at --clients
   concurrent clients (`fabriek.reporting.bench.scales`); with --load-seconds it then runs the load test on
   the national data at --load-clients clients;
4. it prints the tables and, with --figures, writes them into that file's generated section.
Without --keep the generated data is removed again afterwards.

It refuses a database that already holds participations unless --force is given, so that nobody points
it at real records by mistake; --reuse times the data an earlier run left with --keep, generating nothing.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import sqlite3
import tempfile
import time
import urllib.parse
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.test.utils import override_settings

from fabriek.accounts.models import Membership, Role, User
from fabriek.companies.models import Company
from fabriek.metrics.models import Observation
from fabriek.participation.models import Participation
from fabriek.reporting.bench import figures, files, generate, processes, report, scales, sql, timing

#: The staff account the page benchmark logs in with on the national data (removed with the data).
BENCH_USER = "bench-staff"
#: The OFD demo's programme and staff login (`fabriek.demo.seed`, a layer above this app: the bench test
#: checks that these are the seed's).
DEMO_SLUG, DEMO_USER, DEMO_PASSWORD = "ofd", "staff", "fabriek-demo"


class Command(BaseCommand):
    help = "Benchmark imports, reports and pages on generated national-scale data. Not a test."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--companies", type=int, default=20_000, help="Companies to generate (20,000).")
        parser.add_argument("--observations", type=int, default=2_000_000, help="Observations to generate (2,000,000).")
        parser.add_argument("--scale", type=float, default=1.0, help="Multiply companies and observations (1.0).")
        parser.add_argument("--repeat", type=int, default=5, help="Timed runs per report after a warm-up (5).")
        parser.add_argument("--seed", type=int, default=2017, help="Seed of the generator (2017).")
        parser.add_argument("--keep", action="store_true", help="Keep the generated data afterwards.")
        parser.add_argument("--force", action="store_true", help="Run even though the database holds participations.")
        parser.add_argument(
            "--reuse", action="store_true", help="Time the bench data an earlier run kept; generate nothing."
        )
        parser.add_argument(
            "--direct", action="store_true", help="Bulk-load everything instead of importing the CSV files."
        )
        parser.add_argument(
            "--programme", default=generate.PROGRAMMES[0][0], help="The bench programme to time (the largest)."
        )
        parser.add_argument("--pages", action="store_true", help="Also time the pages, demo against national.")
        parser.add_argument("--clients", type=int, default=4, help="Concurrent clients per page (4).")
        parser.add_argument("--requests", type=int, default=60, help="Timed requests per page (60).")
        parser.add_argument("--warmup", type=int, default=8, help="Warm-up requests per page, not timed (8).")
        parser.add_argument("--load-seconds", type=float, default=0, help="Seconds of load test (0: none).")
        parser.add_argument("--load-clients", type=int, default=8, help="Clients of the load test (8).")
        parser.add_argument(
            "--import-memory-rows",
            type=int,
            default=0,
            help="With --pages: also measure the peak memory of importing one file of this many observation rows "
            "(`bench_import --memory`, in the demo's database; 0: not).",
        )
        parser.add_argument("--figures", type=Path, help="Write the tables into this file's generated section.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["repeat"] < 1 or options["clients"] < 1 or options["requests"] < 1 or options["warmup"] < 0:
            raise CommandError("--repeat, --clients and --requests must be at least 1, --warmup at least 0")
        if options["scale"] <= 0:
            raise CommandError("--scale must be more than 0")
        self.began = datetime.now(UTC)
        self.imports: list[processes.ImportRun] = []
        self.import_memory: dict[str, Any] | None = None
        self.commands: list[processes.CommandRun] = []
        generated = False
        if options["reuse"]:
            if not generate.bench_programmes().exists():
                raise CommandError("--reuse: there is no bench data here; run once with --keep first.")
        else:
            self._check_database(force=options["force"])
            self._generate(options)
            generated = True
        programme = generate.bench_programmes().filter(slug=options["programme"]).first()
        if programme is None:
            raise CommandError(f"no bench programme {options['programme']!r}")
        try:
            timings, failed = self._time(programme, repeat=options["repeat"])
            results = self._pages(programme, options) if options["pages"] else []
            self._report(programme, timings, results, options)
        finally:
            User.objects.filter(username=BENCH_USER).delete()
            if generated and not options["keep"]:
                began = time.perf_counter()
                generate.remove()
                self.stdout.write(f"Removed the generated data in {time.perf_counter() - began:.1f} s.")
        if failed:
            raise CommandError(f"the ORM and the hand-written SQL disagree on: {', '.join(failed)}")
        errors = sum(len(r.errors) for s in results for r in s.pages) + sum(
            len(s.load.errors) for s in results if s.load
        )
        if errors:
            raise CommandError(f"{errors} requests failed (see above)")

    def _check_database(self, *, force: bool) -> None:
        if Participation.objects.exists() and not force:
            raise CommandError(
                "This database already holds participations: the bench generates 20,000 companies into it. "
                "Run it on a throwaway database (make bench), or pass --force if you mean it."
            )
        if generate.bench_programmes().exists():
            self.stdout.write("Removing the bench data of an earlier run ...")
            generate.remove()
        low, high = generate.KVK_BASE, generate.KVK_BASE + 9_999_999
        if Company.objects.filter(kvk_number__gte=f"{low:08d}", kvk_number__lte=f"{high:08d}").exists():
            raise CommandError(f"companies with KvK numbers {low}-{high} exist; the bench needs that range.")

    def _generate(self, options: dict[str, Any]) -> None:
        scale = generate.Scale(
            companies=round(options["companies"] * options["scale"]),
            observations=round(options["observations"] * options["scale"]),
            seed=options["seed"],
        )
        self.stdout.write(
            f"Generating {scale.companies:,} companies and {scale.observations:,} observations "
            f"(seed {scale.seed}) on {connection.vendor} ..."
        )
        began = time.perf_counter()
        if options["direct"]:
            made = generate.generate(scale, log=self.stdout.write)
        else:
            importer = processes.Importer(log=self.stdout.write)
            with tempfile.TemporaryDirectory(prefix="fabriek-bench-") as folder:
                self.stdout.write(f"  (companies, stays and observations through import_records, files in {folder})")
                made = generate.generate(scale, log=self.stdout.write, via=files.ViaImports(Path(folder), importer))
            self.imports = importer.runs
        loaded = time.perf_counter() - began
        self.stdout.write(f"Generated and loaded in {loaded:.1f} s.")
        began = time.perf_counter()
        statement = generate.analyze()
        self.stdout.write(
            f"{statement} in {time.perf_counter() - began:.1f} s. "
            f"Programmes: {', '.join(p.slug for p in made.programmes)}."
        )

    def _conditions(self, programme: Any) -> None:
        version = connection.vendor
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT current_setting('server_version'), current_setting('jit')")
                server, jit = cursor.fetchone()
            version = f"PostgreSQL {server} (jit {jit})"
        elif connection.vendor == "sqlite":
            version = f"SQLite {sqlite3.sqlite_version}"
        self.database = version
        companies = Company.objects.filter(programmes=programme).count()
        observations = Observation.objects.filter(programme=programme).count()
        load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
        self.stdout.write(
            f"Timing {programme.slug}: {companies:,} companies, {observations:,} of their observations; "
            f"{version}, {os.cpu_count()} CPUs, load average {load}."
        )
        if not sql.supported():
            self.stdout.write(f"No hand-written SQL for {connection.vendor}: only the ORM is timed.")
        elif connection.vendor == "sqlite":
            self.stdout.write("SQLite runs the portable SQL version: its timings are indicative only.")

    def _time(self, programme: Any, *, repeat: int) -> tuple[list[timing.Timing], list[str]]:
        self._conditions(programme)
        # Without DEBUG's query log, like production; it would cost both sides a little.
        with override_settings(DEBUG=False):
            timings = timing.run(programme, repeat=repeat)
        self.stdout.write(f"Median of {repeat} runs after one warm-up, in milliseconds:")
        for line in timing.table(timings):
            self.stdout.write(line)
        failed = [t.name for t in timings if t.same is False]
        for t in timings:
            if t.same is False:
                self.stderr.write(f"!!! MISMATCH in {t.name}: the ORM and the hand-written SQL disagree !!!")
                self.stderr.write(f"    ORM: {json.dumps(t.orm_result, default=str)}")
                self.stderr.write(f"    SQL: {json.dumps(t.sql_result, default=str)}")
        return timings, failed

    # -- pages -------------------------------------------------------------------------------------------

    def _pages(self, programme: Any, options: dict[str, Any]) -> list[scales.ScaleResult]:
        """The pages on the OFD demo (a second database) and on the national data, then the load test."""
        national_url = _database_url()
        password = secrets.token_urlsafe(16)
        user = User.objects.create_user(username=BENCH_USER, password=password)
        Membership.objects.create(user=user, programme=programme, role=Role.STAFF)
        measured = processes.collect_static()
        self.stdout.write(f"collectstatic (DEBUG off, as deployed): {measured.seconds:.1f} s")
        common = {
            "clients": options["clients"],
            "requests": options["requests"],
            "warmup": options["warmup"],
            "log": self.stdout.write,
        }
        self.stdout.write(
            f"Pages: {options['requests']} timed requests each at {options['clients']} concurrent clients, "
            f"after {options['warmup']} warm-up requests (not timed); 'first' is the first request of the page "
            "the server had (figures computed on first use, the workers' first time)."
        )
        with _demo_database() as demo_url:
            env = {**os.environ, "DATABASE_URL": demo_url}
            began = time.perf_counter()
            processes.manage("migrate", "--noinput", env=env)
            processes.manage("load_demo", env=env)
            self.stdout.write(f"The OFD demo loaded into a database of its own in {time.perf_counter() - began:.1f} s.")
            self.commands = processes.time_reports(DEMO_SLUG, env=env)
            for run in self.commands:
                self.stdout.write(f"  {' '.join(run.args)}: {run.seconds:.2f} s (median of {processes.COMMAND_RUNS})")
            demo = scales.run_scale(
                "demo", database_url=demo_url, slug=DEMO_SLUG, username=DEMO_USER, password=DEMO_PASSWORD, **common
            )
            if options["import_memory_rows"] > 0:
                # In the demo's database: its KvK numbers are not the national data's, which bench_import's
                # would collide with. After the demo's pages, so they were timed on a database as loaded.
                rows = str(options["import_memory_rows"])
                self.stdout.write(f"bench_import --memory --rows {rows} ...")
                measured = processes.manage("bench_import", "--memory", "--rows", rows, env=env)
                self.import_memory = json.loads(measured.output.strip().splitlines()[-1])
                self.stdout.write(f"  {self.import_memory}")
        national = scales.run_scale(
            "national",
            database_url=national_url,
            slug=programme.slug,
            username=BENCH_USER,
            password=password,
            load_clients=options["load_clients"],
            load_seconds=options["load_seconds"],
            **common,
        )
        return [demo, national]

    # -- the report ----------------------------------------------------------------------------------------

    def _report(
        self,
        programme: Any,
        timings: list[timing.Timing],
        results: list[scales.ScaleResult],
        options: dict[str, Any],
    ) -> None:
        companies = Company.objects.filter(programmes=programme).count()
        observations = Observation.objects.filter(programme=programme).count()
        lines = report.section(
            when=self.began,
            machine=report.machine(),
            database=getattr(self, "database", connection.vendor),
            load=os.getloadavg(),
            programme=f"{programme.slug} ({companies:,} companies, {observations:,} observations)",
            imports=self.imports,
            import_memory=self.import_memory,
            commands=self.commands,
            timings=timings,
            scales=results,
            options=options,
        )
        self.stdout.write("")
        for line in lines:
            self.stdout.write(line)
        if options["figures"]:
            figures.write_section(options["figures"], "\n".join(lines))
            self.stdout.write(f"Written into {options['figures']}.")


def _database_url() -> str:
    """The URL of the database this command uses, for the server processes."""
    if os.environ.get("DATABASE_URL"):
        return os.environ["DATABASE_URL"]
    return f"sqlite:///{connection.settings_dict['NAME']}"


@contextlib.contextmanager
def _demo_database() -> Iterator[str]:
    """A second, empty database beside this one for the demo (on the same PostgreSQL server; a temporary
    file on SQLite); yields its URL and drops it afterwards."""
    if connection.vendor != "postgresql":
        with tempfile.TemporaryDirectory(prefix="fabriek-bench-demo-") as folder:
            yield f"sqlite:///{folder}/demo.sqlite3"
        return
    name = f"{connection.settings_dict['NAME']}_benchdemo"
    quoted = connection.ops.quote_name(name)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {quoted}")
        cursor.execute(f"CREATE DATABASE {quoted}")
    url = urllib.parse.urlsplit(_database_url())
    try:
        yield urllib.parse.urlunsplit(url._replace(path=f"/{name}"))
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)")
