from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "casereview.demo"
    label = "demo"
