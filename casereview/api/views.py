"""The account's API token pages, the OpenAPI schema and the API's documentation page
(rendered on the server from the schema: no script, so it works under the strict CSP)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from casereview.accounts.access import get_for
from casereview.audit.context import context_of
from casereview.cases.models import Person
from casereview.lib.forms import submitted

from . import subject_access as subject_access_export
from . import tokens
from .api import api
from .forms import TokenForm
from .limits import largest_body, requests_per_window
from .models import ApiToken
from .problems import TITLES


def token_list(request):
    if request.method == "POST":
        token = ApiToken.objects.filter(user=request.user, pk=_int(request.POST.get("revoke")))
        token = token.first()
        if token is None:
            raise Http404
        tokens.revoke(token, actor=request.user, context=context_of(request))
        return redirect("api_tokens:list")
    return render(
        request,
        "api/tokens.html",
        {"tokens": ApiToken.objects.filter(user=request.user)},
    )


def token_create(request):
    form = TokenForm(request.POST or None)
    ok, issued = submitted(
        request,
        form,
        lambda: tokens.issue(
            user=request.user,
            actor=request.user,
            context=context_of(request),
            **form.cleaned_data,
        ),
    )
    if ok:
        token, secret = issued
        # Shown once, on this answer to the POST; never stored or shown again.
        return render(request, "api/token_issued.html", {"token": token, "secret": secret})
    return render(request, "api/token_new.html", {"form": form})


def _int(value) -> int | None:
    return int(value) if value and str(value).isdigit() and len(str(value)) < 10 else None


@login_not_required
@require_GET
def openapi(request):
    return JsonResponse(api.get_openapi_schema())


@login_not_required
@require_GET
def docs(request):
    schema = api.get_openapi_schema()
    operations = [
        {
            "method": method.upper(),
            "path": path,
            "summary": op.get("summary", ""),
            "description": op.get("description", ""),
            "tag": (op.get("tags") or [""])[0],
            "parameters": op.get("parameters", []),
            "body": bool(op.get("requestBody")),
            "responses": sorted(op.get("responses", {})),
        }
        for path, item in schema["paths"].items()
        for method, op in item.items()
    ]
    return render(
        request,
        "api/docs.html",
        {
            "operations": operations,
            "problems": sorted(TITLES.items()),
            "rate": requests_per_window(),
            "largest_body": largest_body(),
        },
    )


def subject_access(request, person_pk):
    """The subject-access export of one person: a page that says what it holds (GET), the
    ZIP (POST: a deliberate, audited export)."""
    person = get_for(
        request,
        Person.objects.select_related("notification", "board"),
        person_pk,
        "subject_access.export",
    )
    if request.method != "POST":
        return render(request, "api/subject_access.html", {"person": person})
    body = subject_access_export.export(person, actor=request.user, context=context_of(request))
    response = HttpResponse(body, content_type="application/zip")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = (
        f'attachment; filename="subject-access-{person.pk}-{stamp}.zip"'
    )
    return response
