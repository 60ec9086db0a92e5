import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casereview.settings")
application = get_wsgi_application()

from django.db import connections  # noqa: E402

from casereview.audit.system_checks import refuse_to_serve_unprotected  # noqa: E402

refuse_to_serve_unprotected()
# The check above opened a database connection. Under `gunicorn --preload` this module runs
# once in the master, which then forks the workers: a connection left open would be shared
# by every worker (one socket, interleaved conversations). Each worker opens its own.
connections.close_all()
