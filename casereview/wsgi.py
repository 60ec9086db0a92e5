import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casereview.settings")
application = get_wsgi_application()

from casereview.audit.system_checks import refuse_to_serve_unprotected  # noqa: E402

refuse_to_serve_unprotected()
