"""The one suppression rule: primary (1 to 4) and secondary (recoverable by subtraction)."""

from casereview.national.suppression import MARK, cell, grid, line, rate


def shown(g):
    return [[str(c) for c in r] for r in g.cells]


def test_small_counts_are_hidden_and_zero_is_shown():
    assert [str(cell(n)) for n in (0, 1, 4, 5, 12)] == ["0", MARK, MARK, "5", "12"]


def test_a_single_hidden_cell_in_a_row_with_its_total_takes_the_next_smallest_with_it():
    g = line([3, 20, 9, 0])
    assert shown(g) == [[MARK, "20", MARK, "0"]]
    assert str(g.total) == "32"


def test_two_hidden_cells_need_nothing_more():
    assert shown(line([3, 2, 9, 40])) == [[MARK, MARK, "9", "40"]]


def test_a_small_total_is_hidden_and_then_no_secondary_is_needed():
    g = line([3, 0])
    assert shown(g) == [[MARK, "0"]] and str(g.total) == MARK


def test_a_zero_is_hidden_when_no_other_cell_has_a_count_and_totals_stay():
    g = grid([[12, 3], [9, 0]])
    # 3 hidden; 12 with it (row total 15); then 9 (column total 21); then row 2 (total 9)
    # would give the 9, so its zero is hidden.
    assert shown(g) == [[MARK, MARK], [MARK, MARK]]
    assert [str(c) for c in g.row_totals] == ["15", "9"]


def test_columns_are_protected_too():
    # Row-wise every row has two hidden cells; the second column would give its one hidden
    # cell from the column total, so another of that column is hidden.
    g = grid([[2, 3, 50], [1, 40, 60], [30, 30, 30]])
    for j in range(3):
        column = [g.cells[i][j] for i in range(3)]
        hidden = sum(c.suppressed for c in column)
        assert hidden != 1 or g.column_totals[j].suppressed, j
    for i, r in enumerate(g.cells):
        assert sum(c.suppressed for c in r) != 1 or g.row_totals[i].suppressed


def test_no_hidden_cell_can_be_recovered_from_the_totals_shown():
    import itertools
    import random

    rng = random.Random(4)
    for _ in range(200):
        counts = [[rng.choice([0, 1, 2, 3, 4, 5, 7, 12, 30]) for _ in range(4)] for _ in range(3)]
        g = grid(counts)
        lines = [(r, t) for r, t in zip(g.cells, g.row_totals, strict=True)]
        lines += [([r[j] for r in g.cells], g.column_totals[j]) for j in range(4)]
        for cells, total in lines:
            if not total.suppressed:
                assert sum(c.suppressed for c in cells) != 1, counts
        for c in itertools.chain.from_iterable(g.cells):
            assert not (0 < c.count < 5) or c.suppressed


def test_a_rate_with_a_hidden_side_is_hidden():
    assert rate(cell(3), cell(40)) is None
    assert rate(cell(10), cell(4)) is None
    assert rate(cell(10), cell(40)) == 0.25
