"""No two stays of one company in one programme share a day, enforced by the database itself.

PostgreSQL: an exclusion constraint over inclusive date ranges (btree_gist for the equality parts).
SQLite: triggers that abort an insert or update which would overlap. Both treat an empty end date as
"still going" and both ends as inclusive, exactly like `Period.overlaps`.
"""

from django.db import migrations

SQLITE_CONDITION = """
    EXISTS (
        SELECT 1 FROM participation_participation AS other
        WHERE other.company_id = NEW.company_id
          AND other.programme_id = NEW.programme_id
          AND other.id IS NOT NEW.id
          AND other.started_on <= COALESCE(NEW.ended_on, '9999-12-31')
          AND COALESCE(other.ended_on, '9999-12-31') >= NEW.started_on
    )
"""

SQLITE_FORWARD = [
    f"""CREATE TRIGGER participation_no_overlap_insert BEFORE INSERT ON participation_participation
        WHEN {SQLITE_CONDITION}
        BEGIN SELECT RAISE(ABORT, 'participation_no_overlap'); END""",
    f"""CREATE TRIGGER participation_no_overlap_update BEFORE UPDATE ON participation_participation
        WHEN {SQLITE_CONDITION}
        BEGIN SELECT RAISE(ABORT, 'participation_no_overlap'); END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS participation_no_overlap_insert",
    "DROP TRIGGER IF EXISTS participation_no_overlap_update",
]
POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS btree_gist",
    """ALTER TABLE participation_participation ADD CONSTRAINT participation_no_overlap
       EXCLUDE USING gist (
           company_id WITH =, programme_id WITH =,
           daterange(started_on, ended_on, '[]') WITH &&
       )""",
]
POSTGRES_BACKWARD = ["ALTER TABLE participation_participation DROP CONSTRAINT IF EXISTS participation_no_overlap"]


def run(statements_by_vendor):  # type: ignore[no-untyped-def]
    def apply(apps, schema_editor):  # type: ignore[no-untyped-def]
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("participation", "0001_initial")]

    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
