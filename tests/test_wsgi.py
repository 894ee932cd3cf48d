"""The WSGI entry point gunicorn loads (config.wsgi.application)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_a_worker_loads_every_view_and_keeps_its_startup_objects_out_of_the_garbage_collector() -> None:
    # In a process of its own, as a gunicorn worker loads it; here it would freeze the test run's objects.
    probe = (
        "import gc, sys; import config.wsgi; "
        "print(gc.get_freeze_count() > 10000, 'fabriek.reporting.views' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)

    assert done.stdout.split() == ["True", "True"]
