"""The API instance: version 1, token authentication, problem details, the OpenAPI schema
with every refusal documented as application/problem+json."""

from __future__ import annotations

from ninja import NinjaAPI

from casereview.lib.tables import XLSX_TYPE

from . import problems
from .auth import TokenAuth
from .endpoints import (
    cases,
    chronology,
    coding,
    evidence,
    learning,
    national,
    reviews,
    vocabulary,
)

PREFIX = "/api/v1/"


EXPORT_TYPES = {
    "csv": ("text/csv", {"type": "string"}),
    "xlsx": (XLSX_TYPE, {"type": "string", "format": "binary"}),
}


def _export_types(operation) -> dict:
    """A list that takes `format` also answers as the spreadsheets it names."""
    for parameter in operation.get("parameters", []):
        if parameter.get("in") == "query" and parameter.get("name") == "format":
            allowed = parameter.get("schema", {}).get("enum", [])
            return {t: {"schema": s} for kind, (t, s) in EXPORT_TYPES.items() if kind in allowed}
    return {}


class CaseReviewApi(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=PREFIX, path_params=path_params)
        for item in schema.get("paths", {}).values():
            for operation in item.values():
                for status, answer in operation.get("responses", {}).items():
                    content = answer.get("content", {})
                    if str(status).startswith("4") and "application/json" in content:
                        answer["content"] = {problems.PROBLEM_TYPE: content["application/json"]}
                    if str(status) == "200":
                        content.update(_export_types(operation))
                    if str(status) in ("200", "201"):
                        answer["headers"] = {
                            "ETag": {
                                "description": "The version read: send it as If-Match to update",
                                "schema": {"type": "string"},
                            }
                        }
                    if str(status) == "401":
                        answer["headers"] = {
                            "WWW-Authenticate": {"schema": {"type": "string"}},
                        }
        return schema

    def get_openapi_operation_id(self, operation) -> str:
        # The view's name (notification_create...): what a generated client calls it.
        return operation.view_func.__name__


api = CaseReviewApi(
    title="casereview API",
    version="1",
    description="The case review service's JSON API (docs/api.md).",
    auth=TokenAuth(),
    urls_namespace="api",
    docs_url=None,
    openapi_url=None,
)
problems.install(api)
api.add_router("", cases.router)
api.add_router("", reviews.router)
api.add_router("", national.router)
api.add_router("", chronology.router)
api.add_router("", learning.router)
api.add_router("", coding.router)
api.add_router("", evidence.router)
api.add_router("", vocabulary.router)
