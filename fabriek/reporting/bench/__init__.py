"""The reports benchmark (issue 3, "Benchmark (not a test)"): `manage.py bench` / `make bench`.

- `generate`: a national-scale programme set (by default 20,000 companies and 2,000,000 observations over
  five programmes), bulk-loaded with COPY on PostgreSQL and big `bulk_create` batches elsewhere;
- `sql`: every report once more as hand-written SQL, the yardstick the ORM implementation is timed against;
- `timing`: runs both on the same data, checks that they give the same numbers, and prints the table.

Nothing here runs in the normal test suite except `tests/test_bench.py`, which checks at a tiny scale that
the hand-written SQL gives exactly the ORM's numbers, so that the comparison is honest.
"""
