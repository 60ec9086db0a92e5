"""The national pages of this module: trends (with their CSV) and timeliness across boards.
National analysts read them all; a board's manager or chair reads their own board's
timeliness beside the national median. Each asks the permission layer whether the user's
grants give the action at all (`require_at_all`): the pages show no board's object."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_GET

from casereview.accounts.access import require_at_all
from casereview.accounts.permissions import can_at_all

from . import charts, timeliness, trends, trends_export
from .access import own_boards
from .models import NationalRecord

READ = "national.read"


@require_GET
def trends_page(request):
    require_at_all(request, READ, on=NationalRecord)
    data = trends.current()
    outcomes = data.table("outcomes")
    age = data.table("age")
    return render(
        request,
        "national/trends.html",
        {
            "trends": data,
            "prevalence_chart": charts.prevalence(data) if data.prevalence else None,
            "age_chart": charts.bars(
                "Age profile",
                age.column_labels,
                age.grid.column_totals,
                "Reviews of every year by the child's age band; the table below gives them.",
            ),
            "outcome_chart": charts.bars(
                "Outcomes",
                outcomes.column_labels,
                outcomes.grid.column_totals,
                "Reviews of every year by the incident's outcome; the table below gives them.",
            ),
            "age_table": age,
            "outcome_table": outcomes,
            "region_table": data.table("regions"),
            "theme_table": data.table("themes"),
            "prevalence_rows": [
                (trends.label("theme", theme), points) for theme, points in data.prevalence.items()
            ],
        },
    )


@require_GET
def trends_csv(request):
    require_at_all(request, READ, on=NationalRecord)
    return trends_export.download(trends.current())


@require_GET
def timeliness_page(request):
    require_at_all(request, READ, "national.board_figures", on=NationalRecord)
    rows, names = timeliness.build()
    every_board = can_at_all(request.user, READ)
    if every_board:
        shown = sorted(names, key=lambda code: names[code])
        labels = names
    else:
        mine = {b.slug: b.name for b in own_boards(request.user)}
        shown = [code for code in sorted(mine, key=mine.get)]
        labels = mine
    measures = dict(timeliness.MEASURES)
    table = [
        {
            "year": row.year,
            "measure": measures[row.measure],
            "boards": [row.boards.get(code) for code in shown],
            "median": row.median,
            "national": row.national,
        }
        for row in rows
    ]
    return render(
        request,
        "national/timeliness.html",
        {
            "every_board": every_board,
            "boards": [labels[code] for code in shown],
            "rows": table,
        },
    )
