"""The rows of the obligation tables of the compliance and duties pages
(reviews/obligation_table.html), written here rather than by the template: some forty lines
of ten conditional cells each cost the template language more than the rest of the page.
The status tags are the template's own (procedure/status_tag.html), rendered once per
status and kept.

Every text goes through escape(); the rest is fixed markup, dates and addresses built by the
application.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

from django.template.defaultfilters import linebreaksbr
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from casereview.procedure.engine import Result
from casereview.procedure.registry import link

# (result, where it is recorded, years whose bank holidays are not confirmed, the clause)
Line = tuple[Result, str, tuple[int, ...], str]


@functools.cache
def status_tag(status: str) -> str:
    """procedure/status_tag.html for a line of this status (it reads only the status)."""
    return render_to_string("procedure/status_tag.html", {"r": {"status": status}}).strip()


def _day(on) -> str:
    return f"{on:%-d %b %Y}"


def _asks(r: Result, clause_text: str) -> str:
    o = r.obligation
    details = []
    if o.quote:
        details.append(f'<p class="govuk-body">“{escape(o.quote)}”</p>')
    if o.why:
        details.append(f'<p class="govuk-body">{escape(o.why)}</p>')
    if clause_text:
        details.append(
            f'<p class="govuk-body govuk-!-font-weight-bold">Clause {escape(o.clause)} in full</p>'
            f'<p class="govuk-body app-clause">{linebreaksbr(clause_text, autoescape=True)}</p>'
        )
    details.append(
        f'<p class="govuk-body-s">{escape(o.severity_label)}. Applies when: '
        f"{escape(r.applies_description.lower())}.</p>"
    )
    return (
        f"{escape(o.text)}\n"
        '<details class="govuk-details govuk-!-margin-bottom-0 govuk-!-margin-top-1">'
        '<summary class="govuk-details__summary"><span class="govuk-details__summary-text">'
        f'{escape(o.citation)}<span class="govuk-visually-hidden">: why this is asked</span>'
        f'</span></summary><div class="govuk-details__text">{"".join(details)}</div></details>'
    )


def _by(r: Result, unlisted: tuple[int, ...]) -> str:
    if r.due:
        parts = [f'<span class="app-nowrap">{_day(r.due)}</span>']
        paused = r.deadline.paused_days if r.deadline else 0
        if paused:
            reasons = ", ".join(escape(reason) for reason in r.deadline.reasons)
            parts.append(
                f'<br><span class="govuk-body-s">extended {paused} day{"" if paused == 1 else "s"}'
                f": {reasons}</span>"
            )
        if unlisted:
            years = " and ".join(str(y) for y in unlisted)
            parts.append(
                f'<br><span class="govuk-body-s app-unlisted">Bank holidays for {years} not yet '
                "confirmed</span>"
            )
        return "".join(parts)
    if r.status == "waiting":
        return f'<span class="govuk-body-s">The clock starts after {escape(r.waiting_for)}</span>'
    if r.status == "undecided":
        return (
            '<span class="govuk-body-s">Whether this applies cannot be decided until '
            f"{escape(r.waiting_for)}</span>"
        )
    if r.status == "paused":
        return "Clock stopped"
    return ""


def _shown_by(r: Result, where: str, case) -> str:
    evidence = r.evidence
    if evidence is not None:
        label = escape(evidence.label)
        shown = (
            f'<a class="govuk-link" href="{escape(evidence.url)}">{label}</a>'
            if evidence.url
            else label
        )
        if evidence.on:
            shown += f", {_day(evidence.on)}"
        if r.late:
            shown += ' <strong class="govuk-tag govuk-tag--orange">Late</strong>'
        return shown
    if r.status == "undecided":
        return (
            f'<a class="govuk-link" href="{link("cases:detail", case.pk)}#people">Record it in '
            f'the people register<span class="govuk-visually-hidden">: {escape(r.waiting_for)}'
            "</span></a>"
        )
    if r.status == "not_applicable":
        return ""
    if where:
        return (
            f'<a class="govuk-link" href="{escape(where)}">Record it<span '
            f'class="govuk-visually-hidden">: {escape(r.obligation.text)}</span></a>'
        )
    if r.awaiting_feature:
        return (
            f'<span class="govuk-hint govuk-!-margin-0">Recorded in {escape(r.awaiting_feature)}'
            ", not built yet</span>"
        )
    return ""


def rows(lines: Iterable[Line], case) -> SafeString:
    """The table body's rows, one per line, each with the id `obligation-<id>` that the
    page's links point at."""
    out = [
        f'<tr class="govuk-table__row" id="obligation-{escape(r.obligation.id)}">'
        '<td class="govuk-table__cell app-nowrap" data-label="Status">'
        f"{status_tag(r.status)}</td>"
        '<td class="govuk-table__cell" data-label="What the procedure asks">'
        f"{_asks(r, clause_text)}</td>"
        f'<td class="govuk-table__cell" data-label="By">{_by(r, unlisted)}</td>'
        '<td class="govuk-table__cell" data-label="Shown by">'
        f"{_shown_by(r, where, case)}</td></tr>"
        for r, where, unlisted, clause_text in lines
    ]
    return mark_safe("\n".join(out))  # noqa: S308 - see the module's docstring
