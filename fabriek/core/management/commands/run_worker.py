"""`manage.py run_worker`: the background worker (tasks, periodic jobs). See fabriek/core/worker.py."""

import logging
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.crypto import get_random_string

from fabriek.core import worker


class Command(BaseCommand):
    help = "Run a background worker: runs queued tasks and enqueues the periodic jobs. Stop it with Ctrl+C."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--queue-name", default="default", help="queues to work on, comma-separated ('*': all)")
        parser.add_argument("--interval", type=float, default=1.0, help="seconds to sleep when no task is ready")
        parser.add_argument("--worker-id", default="", help="unique id of this worker (default: random)")
        parser.add_argument("--batch", action="store_true", help="run what is ready, then exit")
        parser.add_argument("--no-schedule", action="store_true", help="do not enqueue the periodic jobs")

    def handle(self, *args: Any, **options: Any) -> None:
        level = {0: logging.WARNING, 1: logging.INFO}.get(options["verbosity"], logging.DEBUG)
        for name in ("django_tasks", "django_tasks_db", "fabriek"):
            # the root logger's handler (settings.LOGGING) prints them
            logging.getLogger(name).setLevel(level)
        worker.run(
            worker_id=options["worker_id"] or get_random_string(32),
            queue_names=options["queue_name"].split(","),
            interval=options["interval"],
            batch=options["batch"],
            with_schedule=not options["no_schedule"],
        )
