"""The rows of the integrated timeline's table (chronology/integrated.html), written here
rather than by the template: fifty entries of a dozen conditional cells each (and, for the
panel, a form per entry) cost the template language more than the rest of the page.

Every text goes through escape() (the standard library's, as Django's escape() is, without
making a SafeString of each piece); the rest is fixed markup, numbers, dates, the
significance options (timeline.significance_options, already escaped) and addresses built
by the application.
"""

from __future__ import annotations

from html import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.text import normalize_newlines

from .models import ChildSeen, DatePrecision, Significance
from .timeline import Page, Row

_PRECISION = dict(DatePrecision.choices)
_CHILD_SEEN = dict(ChildSeen.choices)
_SIGNIFICANCE = dict(Significance.choices)


def _gap(row: Row, may_panel: bool) -> str:
    gap = row.gap
    return (
        '<tr class="govuk-table__row app-chronology__gap" '
        f'id="gap-{gap.starts_on.isoformat()}">'
        + ('<td class="govuk-table__cell"></td>' if may_panel else "")
        + '<td class="govuk-table__cell" colspan="5"><strong class="govuk-tag '
        f'govuk-tag--orange">Gap</strong> No agency contact from {gap.starts_on:%-d %B %Y} to '
        f"{gap.ends_on:%-d %B %Y} ({gap.days} days)</td></tr>"
    )


def _what(row: Row, may_panel: bool, path: str) -> str:
    e = row.entry
    parts = [escape(normalize_newlines(e.event)).replace("\n", "<br>")]
    if e.decision:
        parts.append(
            '<p class="govuk-body-s govuk-!-margin-0"><strong>Decision or action:</strong> '
            f"{escape(e.decision)}</p>"
        )
    if e.analysis:
        parts.append(
            '<p class="govuk-body-s govuk-!-margin-0"><strong>Agency analysis:</strong> '
            f"{escape(e.analysis)}</p>"
        )
    if row.same_as:
        parts.append(
            '<p class="govuk-body-s govuk-!-margin-0 app-chronology__group"><strong '
            'class="govuk-tag govuk-tag--blue">Same event</strong> also recorded by '
            f"{', '.join(escape(n) for n in row.same_as)}</p>"
        )
    if row.conflict:
        tag = (
            '<strong class="govuk-tag govuk-tag--green">Accounts differ: panel\'s view '
            "recorded</strong>"
            if row.resolved
            else '<strong class="govuk-tag govuk-tag--red">Accounts differ</strong>'
        )
        view = (
            f' <a class="govuk-link" href="{escape(path)}conflicts/{e.group_id}/">Record the '
            'panel\'s view<span class="govuk-visually-hidden"> on this event</span></a>'
            if may_panel
            else ""
        )
        parts.append(
            '<p class="govuk-body-s govuk-!-margin-0 app-chronology__conflict">'
            f"{tag} {escape(row.conflict)}{view}</p>"
        )
    parts += [
        '<p class="govuk-body-s govuk-!-margin-0"><strong class="govuk-tag govuk-tag--purple">'
        f"Key episode</strong> {escape(title)}</p>"
        for title in row.episodes
    ]
    return "\n".join(parts)


def _entry(row: Row, may_panel: bool, hidden: str, path: str) -> str:
    e = row.entry
    pk = str(e.pk)
    agency = escape(e.agency_name)
    when = escape(row.when)
    cells = []
    if may_panel:
        cells.append(
            '<td class="govuk-table__cell"><div class="govuk-checkboxes govuk-checkboxes--small">'
            '<div class="govuk-checkboxes__item"><input class="govuk-checkboxes__input" '
            f'type="checkbox" name="entries" value="{pk}" form="episode-form" '
            f'id="pick-{pk}"><label class="govuk-label govuk-checkboxes__label" '
            f'for="pick-{pk}"><span class="govuk-visually-hidden">Put the entry of {when} '
            f"({agency}) in the new episode</span></label></div></div></td>"
        )
    date = when
    if e.precision not in ("datetime", "day"):
        precision = escape(_PRECISION.get(e.precision, e.precision).lower())
        date += f'<br><span class="govuk-body-s">({precision})</span>'
    if e.is_context:
        date += '<br><strong class="govuk-tag govuk-tag--grey">Context</strong>'
    cells.append(f'<td class="govuk-table__cell app-nowrap">{date}</td>')
    who = agency
    if e.source_ref:
        who += f'<br><span class="govuk-body-s">Ref. {escape(e.source_ref)}</span>'
    if e.practitioner_role:
        who += f'<br><span class="govuk-body-s">{escape(e.practitioner_role)}</span>'
    cells.append(f'<td class="govuk-table__cell">{who}</td>')
    cells.append(f'<td class="govuk-table__cell">{_what(row, may_panel, path)}</td>')
    seen = escape(_CHILD_SEEN.get(e.child_seen, e.child_seen))
    cells.append(f'<td class="govuk-table__cell">{seen}</td>')
    if may_panel:
        significance = (
            f'<form method="post" action="{escape(row.address)}significance/" novalidate>'
            f'{hidden}<input type="hidden" name="lock_version" value="{e.lock_version}">'
            f'<label class="govuk-label govuk-visually-hidden" for="significance-{pk}">'
            f"Significance of the entry of {when} ({agency})</label>"
            f'<select class="govuk-select" id="significance-{pk}" name="significance">'
            f"{row.significance_options}</select>"
            '<button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-0" '
            'data-module="govuk-button">Save<span class="govuk-visually-hidden"> the '
            "significance</span></button></form>"
        )
    else:
        significance = escape(_SIGNIFICANCE.get(e.significance, e.significance))
    cells.append(f'<td class="govuk-table__cell">{significance}</td>')
    return f'<tr class="govuk-table__row" id="entry-{pk}">{"".join(cells)}</tr>'


def rows(page: Page, *, may_panel: bool, query: str, path: str, csrf: str = "") -> SafeString:
    """The page's rows: its entries, and the gaps between them. `csrf`: the request's CSRF
    token, for the panel's significance forms."""
    # The significance forms' hidden fields that are the same on every row.
    hidden = (
        f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(csrf)}">'
        f'<input type="hidden" name="query" value="{escape(query)}">'
    )
    out = [
        _gap(row, may_panel) if row.gap else _entry(row, may_panel, hidden, path)
        for row in page.rows
    ]
    return mark_safe("\n".join(out))  # noqa: S308 - see the module's docstring
