"""The rows of the action tracker's table (learning/tracker.html), written here rather than
by the template: fifty rows of a link, a shortened description, a date and two tags cost the
template language more than the rest of the page. The RAG tags are the template's own
(learning/_rag.html), rendered once per value and kept.

Every text goes through escape(); the rest is fixed markup, dates and addresses built by the
application.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from datetime import date

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from . import rag
from .charts import Fact
from .models import ActionStatus

# Stand-ins for the two ids of an action's address, put in once and replaced on each row.
_REVIEW = "00000000-0000-4000-8000-00000000000a"
_ACTION = "00000000-0000-4000-8000-00000000000b"


@functools.cache
def _address() -> str:
    return reverse("learning:action", args=[_REVIEW, _ACTION])


@functools.cache
def rag_tag(value: str) -> str:
    """learning/_rag.html for this RAG value."""
    return render_to_string("learning/_rag.html", {"value": value}).strip()


def rows(actions: Iterable[Fact], today: date) -> SafeString:
    """One row per action: review, action (a link to it), owner, target date (and whether it
    is overdue), status, RAG (and what the rule suggests)."""
    out = []
    for a in actions:
        url = _address().replace(_REVIEW, str(a.review_id)).replace(_ACTION, str(a.pk))
        late = (
            ' <strong class="govuk-tag govuk-tag--red">Overdue</strong>'
            if rag.is_overdue(a.status, a.target_date, today)
            else ""
        )
        out.append(
            '<tr class="govuk-table__row">'
            f'<td class="govuk-table__cell">{escape(a.review)}</td>'
            f'<td class="govuk-table__cell"><a class="govuk-link" href="{url}">'
            f"{escape(Truncator(a.description).words(12, truncate=' …'))}</a></td>"
            f'<td class="govuk-table__cell">{escape(a.agency)}: {escape(a.owner)}</td>'
            f'<td class="govuk-table__cell app-nowrap">{a.target_date:%-d %b %Y}{late}</td>'
            f'<td class="govuk-table__cell">{escape(ActionStatus(a.status).label)}</td>'
            f'<td class="govuk-table__cell">{rag_tag(a.rag)} '
            f"({escape(rag.suggest(a.status, a.target_date, today))})</td></tr>"
        )
    return mark_safe("\n".join(out))  # noqa: S308 - see the module's docstring
