"""Query parameters an operation does not take are refused (422), as unknown body fields
are: a mistyped `?fromat=csv` or `?stauts=` would otherwise answer as if it were not sent."""

from __future__ import annotations

import re
from functools import cache

from .problems import ApiProblem

_PARAMETER = re.compile(r"<(?:\w+:)?(\w+)>")


@cache
def _query_names() -> dict[tuple[str, str], frozenset[str]]:
    from .api import api

    found = {}
    for path, item in api.get_openapi_schema()["paths"].items():
        for method, operation in item.items():
            names = {p["name"] for p in operation.get("parameters", []) if p.get("in") == "query"}
            found[(path, method)] = frozenset(names)
    return found


def refuse_unknown_query(request) -> None:
    match = getattr(request, "resolver_match", None)
    if match is None or not match.route:
        return
    path = "/" + _PARAMETER.sub(r"{\1}", match.route)
    method = "get" if request.method == "HEAD" else request.method.lower()
    allowed = _query_names().get((path, method))
    if allowed is None:
        return
    unknown = sorted(set(request.GET) - allowed)
    if unknown:
        raise ApiProblem(
            422,
            "Correct the fields listed in errors",
            [
                {"pointer": f"/query/{name}", "detail": "This operation takes no such parameter"}
                for name in unknown
            ],
        )
