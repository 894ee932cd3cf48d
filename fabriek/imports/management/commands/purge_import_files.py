"""`manage.py purge_import_files`: remove uploaded import files once applied or after FABRIEK_IMPORT_FILE_DAYS.

Meant to run periodically (hourly is plenty); idempotent, so a second run at the same time does no harm.
"""

from typing import Any

from django.core.management.base import BaseCommand

from fabriek.imports.services import import_files_purge


class Command(BaseCommand):
    help = "Remove uploaded import files that were applied, or uploaded longer ago than FABRIEK_IMPORT_FILE_DAYS."

    def handle(self, *args: Any, **options: Any) -> None:
        removed = import_files_purge()
        self.stdout.write(f"{removed} file(s) removed")
