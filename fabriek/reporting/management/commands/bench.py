"""`manage.py bench`: time the reports on a national-scale programme set against hand-written SQL.

    manage.py bench [--companies 20000] [--observations 2000000] [--repeat 5] [--keep] [--force]
                    [--seed 2017] [--reuse] [--programme bench-national]

A benchmark, not a test (issue 3). `make bench` runs it against a throwaway PostgreSQL. It generates the
data (`fabriek.reporting.bench.generate`) into the database DATABASE_URL points at, refreshes the planner's
statistics, then times every report through the ORM and through its hand-written SQL on the largest
programme and prints a table; a report whose two versions disagree is reported loudly and makes the
command fail. Without --keep the generated data is removed again afterwards.

It refuses a database that already holds participations unless --force is given, so that nobody points
it at real records by mistake; --reuse times the data an earlier run left with --keep, generating nothing.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.test.utils import override_settings

from fabriek.companies.models import Company
from fabriek.metrics.models import Observation
from fabriek.participation.models import Participation
from fabriek.reporting.bench import generate, sql, timing


class Command(BaseCommand):
    help = "Benchmark the reports on generated national-scale data against hand-written SQL. Not a test."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--companies", type=int, default=20_000, help="Companies to generate (20,000).")
        parser.add_argument("--observations", type=int, default=2_000_000, help="Observations to generate (2,000,000).")
        parser.add_argument("--repeat", type=int, default=5, help="Timed runs per report after a warm-up (5).")
        parser.add_argument("--seed", type=int, default=2017, help="Seed of the generator (2017).")
        parser.add_argument("--keep", action="store_true", help="Keep the generated data afterwards.")
        parser.add_argument("--force", action="store_true", help="Run even though the database holds participations.")
        parser.add_argument(
            "--reuse", action="store_true", help="Time the bench data an earlier run kept; generate nothing."
        )
        parser.add_argument(
            "--programme", default=generate.PROGRAMMES[0][0], help="The bench programme to time (the largest)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["repeat"] < 1:
            raise CommandError("--repeat must be at least 1")
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
            failed = self._time(programme, repeat=options["repeat"])
        finally:
            if generated and not options["keep"]:
                began = time.perf_counter()
                generate.remove()
                self.stdout.write(f"Removed the generated data in {time.perf_counter() - began:.1f} s.")
        if failed:
            raise CommandError(f"the ORM and the hand-written SQL disagree on: {', '.join(failed)}")

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
            companies=options["companies"], observations=options["observations"], seed=options["seed"]
        )
        self.stdout.write(
            f"Generating {scale.companies:,} companies and {scale.observations:,} observations "
            f"(seed {scale.seed}) on {connection.vendor} ..."
        )
        began = time.perf_counter()
        made = generate.generate(scale, log=self.stdout.write)
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

    def _time(self, programme: Any, *, repeat: int) -> list[str]:
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
        return failed
