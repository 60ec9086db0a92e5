"""Limit/offset pagination over a stable order (each list orders by a unique key last)."""

from __future__ import annotations

from ninja import Schema
from pydantic import Field

LARGEST_PAGE = 100


class PageParams(Schema):
    limit: int = Field(25, ge=1, le=LARGEST_PAGE, description="Rows per page")
    offset: int = Field(0, ge=0, le=1_000_000, description="Rows to skip")


class Page[T](Schema):
    count: int
    limit: int
    offset: int
    next_offset: int | None
    items: list[T]


def page_of(rows, params: PageParams, serialise) -> dict:
    count = rows.count()
    chunk = rows[params.offset : params.offset + params.limit]
    end = params.offset + params.limit
    return {
        "count": count,
        "limit": params.limit,
        "offset": params.offset,
        "next_offset": end if end < count else None,
        "items": [serialise(r) for r in chunk],
    }
