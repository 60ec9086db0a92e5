"""Reading the JSONL files of the tagger: every problem names its line number."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from casereview.learning import vocabulary

DATA = Path(__file__).resolve().parent / "data"
TRAIN = DATA / "train.jsonl"  # composed from hand-written sentences (scripts/theme_devset.py)
TRAIN_LESSONS = DATA / "train_lessons.jsonl"  # whole lessons written in the published style
# lessons and recommendations in the style of published serious case reviews (2008-2020)
TRAIN_PUBLISHED = DATA / "train_published.jsonl"
# longer findings in the style of recent reviews: local services, frameworks, implicit issues
TRAIN_FINDINGS = DATA / "train_findings.jsonl"
# long findings in other voices (overview authors, designated nurses, police and education
# reviewers, learning events, families), written after fresh2 was labelled and committed
TRAIN_FINDINGS2 = DATA / "train_findings2.jsonl"
# the registers of published learning that the first three rounds lacked (the fourth round):
# thematic briefings across many reviews, case-list summaries ("Learning includes: ...;
# Recommendations include: ..."), news reports of reviews, and risk words about someone else
# (a teenager's own drug use, a big challenge, children left without supervision)
TRAIN_BRIEFINGS = DATA / "train_briefings.jsonl"
# the fifth round: the same registers on what its development half showed the model missing
# (the men in a household, children not believed, the rule of optimism, plans ended without
# change, leadership, a child's learning difficulty) and words in another sense (the age of
# consent, a parent's capacity to care, "records show", sent to prison)
TRAIN_BRIEFINGS2 = DATA / "train_briefings2.jsonl"
TRAINING = (
    TRAIN,
    TRAIN_LESSONS,
    TRAIN_PUBLISHED,
    TRAIN_FINDINGS,
    TRAIN_FINDINGS2,
    TRAIN_BRIEFINGS,
    TRAIN_BRIEFINGS2,
)
HELD_OUT = DATA / "heldout.jsonl"  # composed only of sentences the training files never use
# every fourth held-out lesson with a second coder's labels beside the builder's (coder a)
HELD_OUT_TWO_CODERS = DATA / "heldout_two_coders.jsonl"
REALISTIC = DATA / "realistic.jsonl"  # whole lessons in the published style, never trained on
# 58 findings in the style of recent published reviews, labelled before the tagger was changed
FRESH = DATA / "fresh_2026_11_29.jsonl"
# 63 long findings (most 100-180 words) in four voices, labelled before the third round
FRESH2 = DATA / "fresh2_2026_11_29.jsonl"
TESTS = (HELD_OUT, HELD_OUT_TWO_CODERS, REALISTIC, FRESH, FRESH2)


class InputError(ValueError):
    def __init__(self, line: int, problem: str):
        super().__init__(f"line {line}: {problem}")
        self.line = line


@dataclass(frozen=True)
class Lesson:
    id: object
    text: str
    themes: frozenset[str] | None = None  # the reference labels, when the file carries them
    coders: dict[str, frozenset[str]] = field(default_factory=dict)


def _codes(value, line: int, what: str) -> frozenset[str]:
    if not isinstance(value, list) or not all(isinstance(c, str) for c in value):
        raise InputError(line, f'"{what}" must be a list of theme codes')
    unknown = sorted(c for c in value if not vocabulary.is_code(c))
    if unknown:
        raise InputError(line, f'unknown theme code(s) in "{what}": {", ".join(unknown)}')
    return frozenset(value)


def parse(lines, *, labelled: bool) -> Iterator[Lesson]:
    """Lessons of JSONL lines ({"id", "text"} and, when labelled, "themes" or "coders").
    Blank lines are skipped; anything else that is wrong raises InputError."""
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as error:
            raise InputError(number, f"not valid JSON ({error.msg})") from None
        if not isinstance(data, dict):
            raise InputError(number, "each line must be a JSON object")
        if "id" not in data or isinstance(data["id"], (dict, list)) or data["id"] is None:
            raise InputError(number, 'missing "id" (a string or a number)')
        if not isinstance(data.get("text"), str) or not data["text"].strip():
            raise InputError(number, 'missing "text" (a non-empty string)')
        themes, coders = None, {}
        if labelled:
            if "coders" in data:
                if not isinstance(data["coders"], dict) or not data["coders"]:
                    raise InputError(number, '"coders" must map each coder to a list of codes')
                coders = {
                    str(name): _codes(value, number, f"coders.{name}")
                    for name, value in data["coders"].items()
                }
            if "themes" in data:
                themes = _codes(data["themes"], number, "themes")
            elif coders:
                themes = consensus(coders)
            else:
                raise InputError(number, 'missing "themes" (or "coders")')
        yield Lesson(data["id"], data["text"], themes, coders)


def consensus(coders: dict[str, frozenset[str]]) -> frozenset[str]:
    """The codes more than half of the coders chose (with two coders: the codes both chose)."""
    counts: dict[str, int] = {}
    for chosen in coders.values():
        for code in chosen:
            counts[code] = counts.get(code, 0) + 1
    return frozenset(c for c, n in counts.items() if n * 2 > len(coders))


def read(path: Path, *, labelled: bool) -> list[Lesson]:
    with open(path, encoding="utf-8") as lines:
        return list(parse(lines, labelled=labelled))


def training() -> list[Lesson]:
    return [lesson for path in TRAINING for lesson in read(path, labelled=True)]
