"""Small-cell suppression: the one rule every national table, chart and export applies.

Primary: a count of 1 to 4 is never shown (0 is shown: it reveals no child). Secondary: in a
row or column shown with its total, a single suppressed cell could be worked out by
subtraction, so the next smallest non-zero cell of that line is suppressed too, or a zero cell
when no other cell has a count (repeated until no suppressed cell can be recovered). Totals
are suppressed only when small: tables share them. A rate is suppressed when its numerator or
its denominator is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

THRESHOLD = 5
MARK = "[c]"  # the ONS mark: "confidential", suppressed to protect individuals


@dataclass(frozen=True)
class Cell:
    count: int
    suppressed: bool

    def __str__(self) -> str:
        return MARK if self.suppressed else str(self.count)

    @property
    def value(self) -> int | None:
        return None if self.suppressed else self.count


def small(count: int) -> bool:
    return 0 < count < THRESHOLD


def cell(count: int) -> Cell:
    return Cell(count, small(count))


@dataclass
class Grid:
    """A table of counts with its row totals, column totals and grand total, suppressed."""

    cells: list[list[Cell]]
    row_totals: list[Cell]
    column_totals: list[Cell]
    total: Cell


def _secondary(counts: list[int], hidden: list[bool], total_hidden: list[bool]) -> bool:
    """Protect a line whose total is shown and that has exactly one hidden cell: hide its
    next smallest non-zero cell, or a zero cell when no other cell has a count (a line of one
    cell is its own total, hidden already when small). True if it hid one."""
    if total_hidden[0] or sum(hidden) != 1:
        return False
    candidates = [(c, i) for i, c in enumerate(counts) if c > 0 and not hidden[i]]
    candidates = candidates or [(c, i) for i, c in enumerate(counts) if not hidden[i]]
    if candidates:
        hidden[min(candidates)[1]] = True
    else:
        total_hidden[0] = True
    return True


def grid(counts: Sequence[Sequence[int]]) -> Grid:
    """Suppress a table shown with its row and column totals. Primary: counts of 1 to 4.
    Secondary: a line (row or column) whose total is shown with exactly one hidden cell
    could give that cell by subtraction, so its next smallest non-zero cell is hidden too
    (or a zero cell, when no other cell has a count); repeated over rows and columns until
    nothing changes. Totals are hidden only when they are 1 to 4: the tables of one page
    share their totals (a year's reviews, a region's), so hiding a total in one table and
    showing it in another would undo the protection."""
    counts = [list(r) for r in counts]
    width = len(counts[0]) if counts else 0
    row_sums = [sum(r) for r in counts]
    col_sums = [sum(r[j] for r in counts) for j in range(width)]
    hidden = [[small(c) for c in r] for r in counts]
    row_hidden = [[small(t)] for t in row_sums]
    col_hidden = [[small(t)] for t in col_sums]
    changed = True
    while changed:
        changed = False
        for i, r in enumerate(counts):
            changed |= _secondary(r, hidden[i], row_hidden[i])
        for j in range(width):
            column = [r[j] for r in counts]
            flags = [h[j] for h in hidden]
            if _secondary(column, flags, col_hidden[j]):
                for i, flag in enumerate(flags):
                    hidden[i][j] = flag
                changed = True
    grand = sum(row_sums)
    return Grid(
        [
            [Cell(c, h) for c, h in zip(r, hr, strict=True)]
            for r, hr in zip(counts, hidden, strict=True)
        ],
        [Cell(t, h[0]) for t, h in zip(row_sums, row_hidden, strict=True)],
        [Cell(t, h[0]) for t, h in zip(col_sums, col_hidden, strict=True)],
        cell(grand),
    )


def line(counts: Sequence[int]) -> Grid:
    """A one-way table (one row) with its total."""
    return grid([counts])


def rate(numerator: Cell, denominator: Cell) -> float | None:
    """The share, or None when either side is suppressed or the denominator is 0."""
    if numerator.suppressed or denominator.suppressed or denominator.count == 0:
        return None
    return numerator.count / denominator.count


def suppress(count: int) -> int | None:
    """One count as it may be shown, or None when it is suppressed (1 to 4; shown as [c])."""
    return None if small(count) else count
