from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "casereview.ops"
    label = "ops"
    verbose_name = "Operations"
