"""scripts/theme_check.py: the one-shot check of the tagger on a labelled file nobody has scored
(docs/national.md, "Seventh round")."""

import json
import runpy
from pathlib import Path

import pytest

from casereview.national.themes import tagger

SCRIPT = Path(__file__).resolve().parents[3] / "scripts" / "theme_check.py"


@pytest.fixture(scope="module")
def check():
    return runpy.run_path(str(SCRIPT), run_name="theme_check")


def test_a_setting_names_what_differs_from_the_shipped_one(check):
    setting = check["parse_setting"]("pool=mean, C=5,THRESHOLD=0.5")
    assert setting["POOL"] == "mean" and setting["C"] == 5.0 and setting["THRESHOLD"] == 0.5
    assert setting["RULE_WEIGHT"] == tagger.RULE_WEIGHT
    shipped = check["parse_setting"]("")
    assert shipped == check["parse_setting"](f"RULE_WEIGHT={tagger.RULE_WEIGHT}")


@pytest.mark.parametrize("bad", ["POOL=median", "SPEED=3", "C=", "C=fast"])
def test_a_setting_that_is_not_one_is_refused(check, bad):
    with pytest.raises(ValueError):
        check["parse_setting"](bad)


def test_the_shipped_setting_gives_the_tagger_s_own_themes(check):
    texts = [
        "Nobody spoke to the child alone and her wishes were never recorded.",
        "The mother's partner was not known to any agency; information was not shared.",
    ]
    shipped = check["parse_setting"]("")
    from casereview.national.themes import classifier

    predicted = check["predict"](classifier.model(), texts, shipped)
    assert predicted == [frozenset(t.themes) for t in tagger.tag(texts, evidence=False)]


def test_a_bad_file_stops_with_status_2(check, tmp_path, capsys):
    bad = tmp_path / "unlabelled.jsonl"
    bad.write_text('{"id": 1, "text": "The child was not seen alone."}\n')
    with pytest.raises(SystemExit) as stop:
        check["main"]([str(bad)])
    assert stop.value.code == 2
    assert 'line 1: missing "themes"' in capsys.readouterr().err


def test_a_bad_candidate_stops_with_status_2(check, tmp_path, capsys):
    good = tmp_path / "labelled.jsonl"
    good.write_text(json.dumps({"id": 1, "text": "x", "themes": []}) + "\n")
    with pytest.raises(SystemExit) as stop:
        check["main"]([str(good), "--candidate", "POOL=median"])
    assert stop.value.code == 2
    assert "POOL must be one of" in capsys.readouterr().err


def test_it_prints_the_shipped_figure_and_the_candidate_s_verdict(check, tmp_path, capsys):
    lessons = [
        ("Nobody spoke to the child alone and her views were not sought.", ["voice_of_child"]),
        ("Agencies did not share what they knew about the family.", ["information_sharing"]),
        ("The father was never seen or assessed by any agency.", ["invisible_men_fathers"]),
        ("The mother's heavy drinking was known to the GP.", ["parental_substance_misuse"]),
        ("Referrals were closed each time without looking at the history.", []),
        ("Supervision did not challenge the plan.", ["supervision_management"]),
    ]
    labelled = tmp_path / "labelled.jsonl"
    labelled.write_text(
        "".join(
            json.dumps({"id": n, "text": t, "themes": c}) + "\n" for n, (t, c) in enumerate(lessons)
        )
    )
    assert check["main"]([str(labelled), "--candidate", "THRESHOLD=0.99"]) == 0
    out = capsys.readouterr().out
    assert "labelled.jsonl: 6 lessons, 5 labels" in out
    assert "shipped (C=" in out and "macro F1 " in out
    # a threshold no score reaches tags nothing: never better than the shipped settings
    assert "within noise: keep the shipped settings" in out
    # only summary figures: no lesson's text
    assert "Supervision did not" not in out
