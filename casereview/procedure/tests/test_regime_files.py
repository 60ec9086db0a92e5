"""A bad regime file stops start-up with a message naming the file and the entry."""

import pytest

from casereview.procedure import catalogue
from casereview.procedure.regime import (
    RegimeError,
    load_all,
    parse,
    predicate_names,
    predicate_terms,
)

HEAD = 'id = "t"\nversion = "1"\ntitle = "T"\nsource = "S"\n[settings]\nperiod = "1 month"\n'
GOOD = """
[[obligation]]
id = "a"
stage = "decision"
text = "Decide"
citation = "X 1.1"
applies = "always"
satisfied_by = "decision_made"
anchor = "notified"
due = "setting:period"
"""


def with_(**changes) -> str:
    text = GOOD
    for key, value in changes.items():
        lines = [line for line in text.splitlines() if not line.startswith(f"{key} =")]
        if value is not None:
            lines.append(f'{key} = "{value}"')
        text = "\n".join(lines) + "\n"
    return HEAD + text


def test_a_good_file_loads():
    regime = parse(with_(), "t.toml")
    assert (
        regime.obligations[0].id == "a" and str(regime.duration(regime.obligations[0])) == "1 month"
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"applies": "child_is_purple"},
            "t.toml: obligation a: unknown predicate 'child_is_purple'",
        ),
        ({"applies": "review_held & nope"}, "unknown predicate 'nope'"),
        ({"applies": "review_held | nope"}, "unknown predicate 'nope'"),
        ({"applies": "review_held |"}, "unknown predicate ''"),
        ({"satisfied_by": "magic"}, "t.toml: obligation a: unknown check 'magic'"),
        ({"anchor": "sunrise"}, "unknown anchor 'sunrise'"),
        ({"citation": None}, "t.toml: obligation a: 'citation' is missing or empty"),
        ({"citation": " "}, "'citation' is missing or empty"),
        ({"due": "3 fortnights"}, "bad duration '3 fortnights'"),
        ({"due": "setting:nothing"}, "unknown setting 'setting:nothing'"),
        ({"stage": "later"}, "unknown stage 'later'"),
        ({"severity": "mild"}, "severity must be one of"),
        ({"responsible": "janitor"}, "unknown responsible role 'janitor'"),
    ],
)
def test_a_bad_entry_is_named(changes, message):
    with pytest.raises(RegimeError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse(with_(**changes), "t.toml")


def test_circular_anchors_are_refused():
    text = (
        HEAD
        + GOOD.replace('anchor = "notified"', 'anchor = "obligation:b"')
        + GOOD.replace('id = "a"', 'id = "b"').replace(
            'anchor = "notified"', 'anchor = "obligation:a"'
        )
    )
    with pytest.raises(RegimeError, match=r"circular anchors: a -> b -> a"):
        parse(text, "t.toml")


def test_duplicate_ids_and_bad_toml_are_refused():
    with pytest.raises(RegimeError, match="used twice"):
        parse(HEAD + GOOD + GOOD, "t.toml")
    with pytest.raises(RegimeError, match=r"t\.toml: not valid TOML"):
        parse("id = ", "t.toml")


def test_a_bad_setting_is_refused():
    with pytest.raises(RegimeError, match="setting 'period'"):
        parse(HEAD.replace("1 month", "soon") + GOOD, "t.toml")


def test_start_up_refuses_an_invalid_regime_file(tmp_path, monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    from casereview.procedure import regime

    (tmp_path / "t.toml").write_text(with_(applies="child_is_purple"))
    monkeypatch.setattr(regime, "REGIME_DIR", tmp_path)
    monkeypatch.setattr(catalogue, "load_all", lambda: load_all(tmp_path))
    with pytest.raises(ImproperlyConfigured, match=r"t\.toml: obligation a: unknown predicate"):
        catalogue.load()
    monkeypatch.undo()
    catalogue.load()


def test_every_shipped_regime_loads():
    regimes = load_all()
    assert {"rotherham_wt2006", "wt2010", "wt2013", "wt2018"} <= set(regimes)
    for regime in regimes.values():
        assert regime.obligations and all(o.citation for o in regime.obligations)


def test_applies_reads_and_before_or():
    """'&' binds tighter than '|': `a & b | c` is `(a and b) or c`."""
    assert predicate_terms("always") == [["always"]]
    assert predicate_terms("a & b | c") == [["a", "b"], ["c"]]
    assert predicate_terms(" a | b & c ") == [["a"], ["b", "c"]]
    assert predicate_names("a & b | c & a") == ["a", "b", "c"]
    regime = parse(with_(applies="review_held | always"), "t.toml")
    assert regime.obligations[0].applies == "review_held | always"
