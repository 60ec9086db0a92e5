"""Pages for system administrators: the regimes with where each rule's wording came from,
and the working calendar (one-off bank holidays, confirmed years). Administrators are
those who hold the administrator role on any board (accounts.permissions)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from casereview.accounts.permissions import ACTIONS, boards_where
from casereview.audit.context import context_of
from casereview.audit.models import Outcome
from casereview.audit.services import record
from casereview.lib.forms import submitted

from . import catalogue, provenance, working_days
from .forms import ConfirmYearForm, OneOffHolidayForm, RemoveHolidayForm
from .models import ConfirmedHolidayYear, OneOffHoliday
from .regime import REGIME_DIR


def _require(request, action: str, what) -> None:
    if not boards_where(request.user, ACTIONS[action]):
        record(
            "deny",
            what,
            Outcome.DENIED,
            detail={"action": action},
            actor=request.user,
            context=context_of(request),
        )
        raise PermissionDenied


def procedure(request):
    _require(request, "procedure.read", "procedure")
    regimes = [catalogue.current(regime_id) for regime_id, _ in catalogue.choices()]
    pages = []
    for regime in regimes:
        notes = provenance.file_notes(REGIME_DIR / f"{regime.id}.toml")
        pages.append(
            {
                "regime": regime,
                "header": notes.header,
                "settings": [(k, v, notes.settings.get(k, [])) for k, v in regime.settings.items()],
                "rules": [
                    (rule, notes.entries.get(rule.id, []))
                    for rule in (*regime.criteria, *regime.obligations)
                ],
            }
        )
    record("procedure.read", "procedure", actor=request.user, context=context_of(request))
    return render(request, "procedure/regimes.html", {"regimes": pages})


def bank_holidays(request, form=None, confirm_form=None):
    _require(request, "calendar.manage", OneOffHoliday)
    add_form = form or OneOffHolidayForm(request.POST or None)
    ok, holiday = submitted(
        request,
        add_form,
        lambda: working_days.add_one_off(
            day=add_form.cleaned_data["day"],
            name=add_form.cleaned_data["name"],
            actor=request.user,
            context=context_of(request),
        ),
    )
    if ok:
        messages.success(request, f"{holiday} is now a bank holiday: the clocks skip it")
        return redirect("procedure:bank_holidays")
    listed = working_days.years_listed_by_govuk()
    return render(
        request,
        "procedure/bank_holidays.html",
        {
            "form": add_form,
            "confirm_form": confirm_form or ConfirmYearForm(),
            "holidays": OneOffHoliday.objects.select_related("added_by", "removed_by"),
            "confirmed": ConfirmedHolidayYear.objects.select_related("confirmed_by"),
            "first_listed": listed[0],
            "last_listed": listed[-1],
        },
    )


@require_POST
def remove_bank_holiday(request):
    _require(request, "calendar.manage", OneOffHoliday)
    form = RemoveHolidayForm(request.POST)
    if form.is_valid():
        holiday = form.cleaned_data["holiday"]
        working_days.remove_one_off(holiday, actor=request.user, context=context_of(request))
        messages.success(request, f"{holiday} is no longer a bank holiday")
    else:
        messages.error(request, "That day has already been removed")
    return redirect("procedure:bank_holidays")


@require_POST
def confirm_year(request):
    _require(request, "calendar.manage", ConfirmedHolidayYear)
    form = ConfirmYearForm(request.POST)
    ok, confirmed = submitted(
        request,
        form,
        lambda: working_days.confirm_year(
            year=form.cleaned_data["year"], actor=request.user, context=context_of(request)
        ),
    )
    if ok:
        messages.success(request, f"The bank holidays of {confirmed.year} are confirmed")
        return redirect("procedure:bank_holidays")
    request.method = "GET"  # show the page with this form's errors, the add form unbound
    return bank_holidays(request, confirm_form=form)
