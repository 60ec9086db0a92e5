import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casereview.settings")
application = get_asgi_application()

from casereview.audit.system_checks import refuse_to_serve_unprotected  # noqa: E402

refuse_to_serve_unprotected()
