from django.apps import AppConfig


class ProcedureConfig(AppConfig):
    name = "casereview.procedure"
    label = "procedure"
