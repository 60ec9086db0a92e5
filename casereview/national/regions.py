"""The regions national records are counted by: the nine regions of England (ONS) and Wales.
A board's region is kept in BoardRegion; a board with none counts as "not_known"."""

from __future__ import annotations

REGIONS: tuple[tuple[str, str], ...] = (
    ("north_east", "North East"),
    ("north_west", "North West"),
    ("yorkshire_humber", "Yorkshire and The Humber"),
    ("east_midlands", "East Midlands"),
    ("west_midlands", "West Midlands"),
    ("east_of_england", "East of England"),
    ("london", "London"),
    ("south_east", "South East"),
    ("south_west", "South West"),
    ("wales", "Wales"),
    ("not_known", "Not known"),
)
CODES = tuple(code for code, _ in REGIONS)
LABELS = dict(REGIONS)


def region_of(board) -> str:
    from .models import BoardRegion

    return (
        BoardRegion.objects.filter(board=board).values_list("region", flat=True).first()
        or "not_known"
    )
