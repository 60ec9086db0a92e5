from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The versioned JSON API (/api/v1/) and the personal API tokens that reach it."""

    name = "casereview.api"
    label = "api"
