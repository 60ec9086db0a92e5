"""The development corpus (tests/corpus/README.md): every summary anonymised as expected."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from casereview.publication.anonymiser import Anonymiser, load
from casereview.publication.anonymiser.fold import fold, normalise
from casereview.publication.anonymiser.suggest import suggest

CORPUS = Path(__file__).parent / "corpus"
CASES = sorted(p.name for p in CORPUS.iterdir() if p.is_dir())


def test_the_corpus_has_at_least_eight_summaries():
    assert len(CASES) >= 8


def _contains(text: str, phrase: str) -> bool:
    return (
        re.search(rf"(?<!\w){re.escape(fold(normalise(phrase)))}(?!\w)", fold(normalise(text)))
        is not None
    )


@pytest.mark.parametrize("case", CASES)
def test_summary(case):
    folder = CORPUS / case
    expected = json.loads((folder / "expected.json").read_text())
    result = Anonymiser(load(str(folder / "register.json"))).run(
        (folder / "summary.txt").read_text()
    )
    leaked = [p for p in expected["absent"] if _contains(result.text, p)]
    assert not leaked, result.text
    lost = [p for p in expected["present"] if p not in result.text]
    assert not lost, result.text
    names = {s.name for s in suggest(result)}
    assert set(expected["suggested"]) <= names, names
