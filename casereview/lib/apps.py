from django.apps import AppConfig


class LibConfig(AppConfig):
    name = "casereview.lib"
    label = "lib"
