import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

# Load every view now (Django would on the first request), then move everything loaded so far out of the
# garbage collector's reach: it lives as long as the worker anyway. A report page unpickles its stored
# figures, tens of thousands of objects on a national programme, and every few such requests Python's full
# collection walked all of Django's startup objects again: 50-60 ms pauses, most of the p95 in `make bench`.
get_resolver().url_patterns  # noqa: B018
gc.freeze()
