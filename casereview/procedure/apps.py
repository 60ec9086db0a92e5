from django.apps import AppConfig


class ProcedureConfig(AppConfig):
    name = "casereview.procedure"
    label = "procedure"

    def ready(self) -> None:
        from . import catalogue

        catalogue.load()
