"""The precision of every rule phrase on the training lessons only (docs/national.md, "The
tagger"): for each phrase of casereview/national/themes/rules.py, how many whole training
lessons it matches and the share of them that carry its code.

    .venv/bin/python scripts/theme_phrases.py [--min N] [--below SHARE] [--code CODE]

The rule of the phrase lists: a phrase is kept when at least half of the training lessons it
matches carry its code; one that matches five or more with under 30 % is dropped. The themes'
names (rules.NAMES, marked "name") must be right on at least 80 % of those they match. With
``--below`` only the phrases under that share are printed. Only the training files are read
(the composed sentences of train.jsonl count as lessons too); never a test file."""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casereview.settings")


def precision(phrase: str, code: str, lessons) -> tuple[int, int]:
    """(lessons matched, of which carrying ``code``) for one phrase, as rules.py compiles it."""
    pattern = re.compile(rf"\b(?:{phrase})\b", re.IGNORECASE)
    hits = [x for x in lessons if pattern.search(x.text)]
    return len(hits), sum(code in x.themes for x in hits)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--min", type=int, default=1, help="print phrases matching N or more")
    parser.add_argument("--below", type=float, default=1.01, help="print shares under this")
    parser.add_argument("--code", help="only this theme code")
    args = parser.parse_args(argv)
    import django

    django.setup()
    from casereview.national.themes import dataset, rules

    lessons = dataset.training()
    for code, phrases in rules.PHRASES.items():
        if args.code and code != args.code:
            continue
        for kind, each in (("phrase", phrases), ("name", rules.NAMES.get(code, ()))):
            for phrase in each:
                n, right = precision(phrase, code, lessons)
                share = right / n if n else 0.0
                if n >= args.min and share < args.below:
                    print(f"{code:34} {kind:6} {n:4} {share:5.0%}  {phrase}")


if __name__ == "__main__":
    main()
