"""`{% load cite %}` ... `{% cite review "race" %}`: the clause of the review's (or the
notification's, or the board's default) regime for a topic (procedure/citations.py)."""

from django import template

from casereview.procedure import citations

register = template.Library()


@register.simple_tag(name="cite")
def cite(case_or_board, topic: str) -> str:
    return citations.of(case_or_board)[topic]
