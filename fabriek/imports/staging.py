"""A staging table for the observation importer: the checked rows of a file go into a temporary table in
batches (PostgreSQL: COPY; SQLite: executemany), and three set-based statements then compare them with the
programme's stored figures and write them.

Why a temporary table rather than model instances: an import of 2,000,000 rows must stay well under 1 GB
and take minutes, not hours. Memory is then one batch of rows plus what the database holds; the comparison
with the stored figures (created, updated, unchanged) and the writes are joins the database does in one go,
instead of 2,000,000 instances and `bulk_create` statements built in Python. The table is temporary: each
connection has its own (two imports at once do not meet), it is never committed into the database's
schema, and it is dropped at the end. It lives in the import's transaction when the import writes, so
one transaction still holds the whole import (docs/figures.md, "Import memory").

Nothing here checks a value: the rows arrive parsed and checked by `importers.ObservationImporter` (the
same parsers and bounds as the forms); the database's own constraints on the observation table stay the
last line of defence.
"""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from decimal import Decimal

from django.db import connection

from fabriek.metrics.models import Observation

TABLE = "fabriek_import_observations"
#: The staged columns, in the order `StagedRow` holds them.
COLUMNS = ("line", "company_id", "observed_on", "source", "employees", "interns", "fte", "revenue_cents")
#: Figure columns an import may set (the others of COLUMNS are the key and the file's line).
FIGURES = ("employees", "interns", "fte", "revenue_cents")

StagedRow = tuple[int, int, date, str, int, int, Decimal | None, int | None]


class ObservationStage:
    """The staging table of one import, on the default connection."""

    def __init__(self, programme_id: int) -> None:
        self.programme_id = programme_id
        self.postgres = connection.vendor == "postgresql"
        self.staged = 0

    # -- filling ---------------------------------------------------------------------------------------

    def create(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {TABLE}")
            cursor.execute(
                f"CREATE TEMPORARY TABLE {TABLE} (line integer NOT NULL, company_id bigint NOT NULL, "
                "observed_on date NOT NULL, source varchar(20) NOT NULL, employees integer NOT NULL, "
                "interns integer NOT NULL, fte decimal(8, 2) NULL, revenue_cents bigint NULL)"
            )

    def drop(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {TABLE}")

    def add(self, rows: Sequence[StagedRow]) -> None:
        """Stage one batch of checked rows."""
        if not rows:
            return
        with connection.cursor() as cursor:
            if self.postgres:
                raw = cursor.cursor  # psycopg's own cursor: COPY is several times faster than INSERT
                with raw.copy(f"COPY {TABLE} ({', '.join(COLUMNS)}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(COLUMNS))
                cursor.executemany(f"INSERT INTO {TABLE} ({', '.join(COLUMNS)}) VALUES ({marks})", rows)  # noqa: S608 - constant names
        self.staged += len(rows)

    def analyze(self) -> None:
        """Tell the planner how big the table is (nothing analyses a temporary table by itself)."""
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {TABLE}")

    # -- comparing and writing -------------------------------------------------------------------------

    def _names(self) -> dict[str, str]:
        meta = Observation._meta
        quote = connection.ops.quote_name
        return {"table": quote(meta.db_table), **{f.name: quote(f.column) for f in meta.concrete_fields}}

    def _match(self, names: dict[str, str]) -> str:
        return (
            f"o.{names['programme']} = %s AND o.{names['company']} = s.company_id "
            f"AND o.{names['observed_on']} = s.observed_on AND o.{names['source']} = s.source"
        )

    def _differs(self, names: dict[str, str], present: Sequence[str]) -> str:
        distinct = "IS DISTINCT FROM" if self.postgres else "IS NOT"
        return " OR ".join(f"o.{names[f]} {distinct} s.{f}" for f in present)

    def count(self, present: Sequence[str]) -> tuple[int, int, int]:
        """(created, updated, unchanged): what writing the staged rows would do, writing nothing."""
        names = self._names()
        with connection.cursor() as cursor:
            ident = names["id"]
            cursor.execute(
                f"SELECT COUNT(*) - COUNT(o.{ident}), "  # noqa: S608 - names are the model's, quoted
                f"COALESCE(SUM(CASE WHEN o.{ident} IS NOT NULL AND ({self._differs(names, present)}) "
                f"THEN 1 ELSE 0 END), 0), COUNT(o.{ident}) "
                f"FROM {TABLE} s LEFT JOIN {names['table']} o ON {self._match(names)}",
                [self.programme_id],
            )
            missing, updated, matched = cursor.fetchone()
        return int(missing), int(updated), int(matched) - int(updated)

    def write(self, present: Sequence[str]) -> tuple[int, int]:
        """Update the stored figures the file changes, then create the rest; returns (created, updated).

        Only the file's columns are set on a stored observation (a column the file lacks stays as it was);
        a new one takes the model's defaults for them (staged already: interns 0, FTE and revenue empty).
        """
        names = self._names()
        with connection.cursor() as cursor:
            assignments = ", ".join(f"{names[f]} = s.{f}" for f in present)
            cursor.execute(
                f"UPDATE {names['table']} AS o SET {assignments} FROM {TABLE} s "  # noqa: S608 - names are the model's
                f"WHERE {self._match(names)} AND ({self._differs(names, present)})",
                [self.programme_id],
            )
            updated = cursor.rowcount
            targets = ", ".join(
                names[f] for f in ("company", "programme", "observed_on", "source", "employees", "interns", "fte")
            )
            cursor.execute(
                f"INSERT INTO {names['table']} ({targets}, {names['revenue_cents']}) "  # noqa: S608 - the model's names
                "SELECT s.company_id, %s, s.observed_on, s.source, s.employees, s.interns, s.fte, s.revenue_cents "
                f"FROM {TABLE} s WHERE NOT EXISTS (SELECT 1 FROM {names['table']} o WHERE {self._match(names)}) "
                "ORDER BY s.company_id, s.observed_on, s.source",
                [self.programme_id, self.programme_id],
            )
            created = cursor.rowcount
        return created, updated


@contextmanager
def observation_stage(programme_id: int) -> Iterator[ObservationStage]:
    """A fresh staging table, dropped afterwards. When the block fails inside a transaction, the rollback
    takes the table with it (PostgreSQL and SQLite undo a CREATE TABLE), so it is not dropped by hand then:
    on PostgreSQL the failed transaction would refuse the statement."""
    stage = ObservationStage(programme_id)
    stage.create()
    try:
        yield stage
    except BaseException:
        if not connection.in_atomic_block:
            stage.drop()
        raise
    stage.drop()
