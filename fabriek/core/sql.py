"""Small SQL building blocks shared by the apps' selectors and the report rules (PostgreSQL and SQLite)."""

from __future__ import annotations

from typing import Any

from django.db import NotSupportedError
from django.db.models import DateField, Func


class DatePlus(Func):
    """A date expression moved by whole calendar years or by days, computed by the database.

    Years follow `fabriek.core.periods.add_years`: 29 February plus years is 28 February in a non-leap year.
    PostgreSQL adds the interval and clamps to the month's end by itself; SQLite's date() rolls over to
    1 March, so there the roll-over is taken back by one day.
    """

    output_field = DateField()

    def __init__(self, expression: Any, *, years: int = 0, days: int = 0) -> None:
        if bool(years) == bool(days):
            raise ValueError("DatePlus moves by years or by days, exactly one of them")
        self.years = int(years)
        self.days = int(days)
        super().__init__(expression)

    def as_sql(self, compiler: Any, connection: Any, *args: Any, **extra_context: Any) -> Any:
        raise NotSupportedError(f"DatePlus is written for PostgreSQL and SQLite, not {connection.vendor}")

    def as_postgresql(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        sql, params = compiler.compile(self.source_expressions[0])
        unit, amount = ("years", self.years) if self.years else ("days", self.days)
        return f"(({sql}) + interval '{amount} {unit}')::date", params

    def as_sqlite(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        sql, params = compiler.compile(self.source_expressions[0])
        if self.days:
            return f"date({sql}, '{self.days:+d} days')", params
        # The strftime() format goes in as a parameter, so no "%" needs escaping in the SQL text.
        moved = f"date({sql}, '{self.years:+d} years')"
        return (
            f"(CASE WHEN strftime(%s, {sql}) = '02-29' AND strftime(%s, {moved}) = '03-01' "
            f"THEN date({moved}, '-1 day') ELSE {moved} END)",
            ["%m-%d", *params, "%m-%d", *params, *params, *params],
        )
