"""WSGI entry point for gunicorn: ``gunicorn tipmon.wsgi``.

Once the application is loaded, its objects (Django, Wagtail, every module, the URL
resolver) are moved out of the garbage collector's reach with ``gc.freeze()``: they live as
long as the worker, and a full collection that walked them all paused a request for 100 to
270 ms every few hundred requests (measured with ``benchmarks/trends_pages.py``); with them
frozen a full collection takes about 20 ms.
"""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tipmon.settings")
application = get_wsgi_application()
gc.collect()
gc.freeze()
