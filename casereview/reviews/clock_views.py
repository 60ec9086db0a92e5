"""Pausing and restarting a case's clocks: one way for the review's compliance page and
the case's duties page, which differ only in where they go back to."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect

from casereview.audit.context import context_of
from casereview.cases import services as case_services
from casereview.cases.dates import case_bounds
from casereview.cases.models import Notification
from casereview.lib.forms import submitted

from .forms import PauseForm, RestartForm

# change: (form, service, message when done, the page's keyword for the form with errors)
CHANGES = {
    "pause": (PauseForm, case_services.pause_clocks, "The clocks are paused", "pause_form"),
    "restart": (
        RestartForm,
        case_services.restart_clocks,
        "The clocks are running again",
        "restart_form",
    ),
}


def change_clocks(
    request,
    case: Notification,
    change: str,
    *,
    back: str,
    back_pk,
    page: Callable[..., HttpResponse],
) -> HttpResponse:
    """Pause or restart `case`'s clocks from the form posted; on success back to the page
    named `back`, otherwise `page` again with the form's errors at the top."""
    form_class, service, done, form_name = CHANGES[change]
    form = form_class(request.POST, bounds=case_bounds(case))
    ok, _ = submitted(
        request,
        form,
        lambda: service(case, actor=request.user, context=context_of(request), **form.cleaned_data),
    )
    if ok:
        messages.success(request, done)
        return redirect(back, pk=back_pk)
    return page(request, back_pk, **{form_name: form})
