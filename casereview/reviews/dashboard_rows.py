"""The rows of the board dashboard's table of open cases (dashboard.html), written here
rather than by the template: a link, a stage, a count and two dates on each of a board's open
cases cost the template language more than the rest of the page.

Every text goes through escape(); the rest is fixed markup, numbers, dates and addresses
built by the application.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from .compliance import review_of
from .dashboard import CaseLine


def _stage(line: CaseLine) -> str:
    case = line.case
    review = review_of(case)
    if review is not None:
        return escape(review.get_status_display())
    decision = getattr(case, "decision", None)
    if decision is None:
        return escape(case.get_status_display())
    stage = f"Decided: {escape(decision.get_outcome_display().lower())}"
    if line.still_open:
        items = "".join(
            f"<li>{escape(r.label)}: {escape(r.obligation.text)} "
            f'<span class="govuk-hint govuk-!-display-inline">({escape(r.obligation.citation)})'
            "</span></li>"
            for r in line.still_open
        )
        stage += (
            '<ul class="govuk-list govuk-body-s govuk-!-margin-top-1 govuk-!-margin-bottom-0 '
            f'app-still-open">{items}</ul>'
        )
    return stage


def _next_due(line: CaseLine) -> str:
    r = line.next_due
    if r is None:
        return ""
    text = Truncator(r.obligation.text).words(12, truncate=" …")
    return f"{r.due:%-d %b %Y}: {escape(text)}"


def case_rows(lines: Iterable[CaseLine]) -> SafeString:
    out = []
    for line in lines:
        url, text = line.link
        overdue = (
            f'<strong class="govuk-tag govuk-tag--red">{len(line.overdue)}</strong>'
            if line.overdue
            else "0"
        )
        since = f"{line.oldest_overdue:%-d %b %Y}" if line.oldest_overdue else ""
        out.append(
            '<tr class="govuk-table__row">'
            f'<td class="govuk-table__cell app-nowrap"><a class="govuk-link" href="{escape(url)}">'
            f"{escape(text)}</a></td>"
            f'<td class="govuk-table__cell">{_stage(line)}</td>'
            f'<td class="govuk-table__cell govuk-table__cell--numeric">{overdue}</td>'
            f'<td class="govuk-table__cell app-nowrap">{since}</td>'
            f'<td class="govuk-table__cell">{_next_due(line)}</td></tr>'
        )
    return mark_safe("\n".join(out))  # noqa: S308 - see the module's docstring
