"""The benchmark (issues 3 and 8, "not a test"): `manage.py bench` / `make bench`.

- `generate`: a national-scale programme set (by default 20,000 companies and 2,000,000 observations over
  five programmes); `files` writes its companies, stays and observations as import files for
  `manage.py import_records` (or `generate` bulk-loads them: COPY on PostgreSQL, `bulk_create` elsewhere);
- `sql`: every report once more as hand-written SQL, the yardstick the ORM implementation is timed against;
- `timing`: runs both on the same data, checks that they give the same numbers, and prints the table;
- `processes`: the measured `manage.py` processes (time, peak memory) and gunicorn as in production;
- `pages` and `scales`: the HTTP client, page timings (p50/p95, requests per second) and the load test;
- `report` and `figures`: the Markdown tables and their generated section of docs/figures.md.

Nothing here runs in the normal test suite except `tests/test_bench*.py`: at a tiny scale, the hand-written
SQL gives exactly the ORM's numbers (so the comparison is honest), the import files are accepted, and the
measuring pieces (percentiles, the section writer, the client against a live server) do what they say.
"""
