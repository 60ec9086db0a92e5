"""The wording checks (19.2): blaming language flagged with the clause, spans and a rewording."""

from __future__ import annotations

import pytest

from casereview.publication.wording import check


@pytest.mark.parametrize(
    ("text", "found", "rule"),
    [
        ("The worker was culpable.", "culpable", "culpable"),
        ("Questions of culpability arose.", "culpability", "culpable"),
        ("No agency was at fault.", "was at fault", "at fault"),
        ("The school is to blame.", "to blame", "to blame"),
        ("Staff were blamed.", "blamed", "to blame"),
        ("This was negligent practice.", "negligent", "negligent"),
        ("Ms Carter failed to visit.", "Ms Carter failed to", "failed to (a named individual)"),
        (
            "Sarah Jones had failed to\nrecord it.",
            "Sarah Jones had failed to",
            "failed to (a named individual)",
        ),
        ("Mr Patel’s failure was clear.", "Mr Patel’s failure", "a named individual's failings"),
        ("The nurse should have known.", "should have known", "should have known"),
        ("It was careless.", "careless", "incompetent"),
    ],
)
def test_blaming_language_is_flagged_with_19_2(text, found, rule):
    [finding] = check(text)
    assert (" ".join(text[finding.start : finding.end].split()), finding.text, finding.rule) == (
        found,
        found,
        rule,
    )
    assert finding.clause == "19.2"
    assert finding.suggestion


@pytest.mark.parametrize(
    "text",
    [
        "The service failed to share the referral.",  # an agency, not a named person
        "The visit did not take place.",
        "Faulty equipment delayed the scan.",
    ],
)
def test_neutral_text_and_failures_of_systems_are_not_flagged(text):
    assert check(text) == []


def test_findings_come_in_order_with_their_lines():
    findings = check("All well.\nThe GP was negligent.\nMr Lee failed to call; nobody is to blame.")
    assert [(f.line, f.rule) for f in findings] == [
        (2, "negligent"),
        (3, "failed to (a named individual)"),
        (3, "to blame"),
    ]
