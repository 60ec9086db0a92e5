"""The sixth round's rule in scripts/theme_tune.py (docs/national.md, "Settings on real text"):
the best setting on the real file among those that cost the written lessons at most 0.01."""

import runpy
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[3] / "scripts" / "theme_tune.py"


@pytest.fixture(scope="module")
def tune():
    return runpy.run_path(str(SCRIPT), run_name="theme_tune")


def rows(tune, *figures):
    """Rows of (cross-validated, longer findings, figure on the real file)."""
    row = tune["Row"]
    return [row((n,), cv, longer, (real,)) for n, (cv, longer, real) in enumerate(figures)]


def on_real(row):
    return row.predicted[0]


def test_the_best_on_the_real_file_among_settings_that_cost_the_written_lessons_little(tune):
    shipped, cheap, costly, longer_costly = rows(
        tune,
        (0.805, 0.783, 0.738),
        (0.797, 0.790, 0.760),
        (0.790, 0.790, 0.800),
        (0.810, 0.770, 0.900),
    )
    choose = tune["choose"]
    assert choose([shipped, cheap, costly, longer_costly], shipped, on_real) is cheap
    # with a larger allowance the costlier setting wins
    assert choose([shipped, cheap, costly], shipped, on_real, cost=0.02) is costly


def test_ties_go_to_the_better_cross_validated_figure(
    tune,
):
    shipped, worse, tied = rows(
        tune, (0.805, 0.783, 0.738), (0.806, 0.783, 0.700), (0.800, 0.783, 0.738)
    )
    choose = tune["choose"]
    assert choose([tied, worse, shipped], shipped, on_real) is shipped


def test_a_bad_file_to_score_on_stops_with_status_2(tune, tmp_path, capsys):
    bad = tmp_path / "unlabelled.jsonl"
    bad.write_text('{"id": 1, "text": "The child was not seen alone."}\n')
    with pytest.raises(SystemExit) as stop:
        tune["main"](["--score-on", str(bad)])
    assert stop.value.code == 2
    assert 'line 1: missing "themes"' in capsys.readouterr().err
