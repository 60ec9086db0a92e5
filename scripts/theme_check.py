"""Score the theme tagger on a labelled file of real text nobody has scored, once: the shipped
settings, one stated alternative against them, and what confirmed tags add.

    .venv/bin/python scripts/theme_check.py LABELLED.jsonl [--candidate SETTING] [--curve]

LABELLED.jsonl has lines {"id", "text", "themes"}, as `casereview themes evaluate` reads them.
Only summary figures are printed, never a lesson's errors, so the file stays unread and can be
scored again by a later round's final check.

- **Shipped**: macro F1 over practice issues and family risks (the QUALITY.md figure), with a
  bootstrap 95 % interval over the lessons, and kappa over every theme code pooled.
- **--candidate** "C=5,LESSON_WEIGHT=1,POOL=mean,RULE_WEIGHT=0.4,NAME_WEIGHT=0.5,THRESHOLD=0.5":
  the same figure for that setting (model of every training lesson, as the shipped one is
  trained), a paired bootstrap of its gain, and the stated rule (docs/national.md, "Seventh
  round"): adopt only if no more than 5 % of resamples show no gain.
- **--curve**: what the tags people confirm add. The file is split in five folds; each fold is
  tagged by a model of the shipped training set plus N lessons of the other four folds as
  confirmed tags (`classifier.train(extra=...)`, the product's path), N = 0, 10, 20, 40 and all
  of them; the pooled macro F1 of each N, with the shipped tagger's other settings.

Deterministic (fixed seeds). About a minute, five with --curve."""

from __future__ import annotations

import argparse
import os
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casereview.settings")

RESAMPLES = 2000
FOLDS = 5
CURVE = (0, 10, 20, 40)
NO_GAIN_AT_MOST = 0.05
SETTING_KEYS = ("C", "LESSON_WEIGHT", "POOL", "RULE_WEIGHT", "NAME_WEIGHT", "THRESHOLD")


def parse_setting(text: str) -> dict:
    """ "C=5,POOL=mean,..." as a dict of every setting key; the shipped value where one is not
    given."""
    from casereview.national.themes import classifier, tagger

    setting = {
        "C": classifier.C,
        "LESSON_WEIGHT": classifier.LESSON_WEIGHT,
        "POOL": classifier.POOL,
        "RULE_WEIGHT": tagger.RULE_WEIGHT,
        "NAME_WEIGHT": tagger.NAME_WEIGHT,
        "THRESHOLD": tagger.THRESHOLD,
    }
    for part in filter(None, (p.strip() for p in text.split(","))):
        key, _, value = part.partition("=")
        key = key.strip().upper()
        if key not in SETTING_KEYS or not value:
            raise ValueError(f"{part!r}: expected one of {', '.join(SETTING_KEYS)} with a value")
        if key == "POOL":
            if value not in classifier.POOLS:
                raise ValueError(f"POOL must be one of {', '.join(classifier.POOLS)}")
            setting[key] = value
        elif key == "LESSON_WEIGHT":
            setting[key] = int(value)
        else:
            setting[key] = float(value)
    return setting


def model_for(setting: dict, extra=()):
    """A model of the shipped training set (and `extra` confirmed tags) with `setting`'s C and
    lesson weight, trained as classifier.train trains the shipped one."""
    from casereview.national.themes import classifier, dataset

    examples = [(x.text, x.themes) for x in dataset.read(dataset.TRAIN, labelled=True)]
    examples += classifier.lessons(
        [
            (x.text, x.themes)
            for p in dataset.TRAINING
            if p != dataset.TRAIN
            for x in dataset.read(p, labelled=True)
        ],
        setting["LESSON_WEIGHT"],
    )
    examples += [(text, frozenset(codes)) for text, codes in extra]
    return classifier.fit(examples, c=setting["C"])


def predict(model, texts: list[str], setting: dict) -> list[frozenset[str]]:
    """The themes the tagger gives each text with `setting` (tagger.combine's formula)."""
    from casereview.national.themes import rules

    out = []
    rule, name, threshold = setting["RULE_WEIGHT"], setting["NAME_WEIGHT"], setting["THRESHOLD"]
    for text, p in zip(texts, model.probabilities(texts, pool=setting["POOL"]), strict=True):
        matched, named = rules.match(text), rules.named(text)
        themes = set()
        for code, probability in p.items():
            lift = max(name, rule) if code in named else rule if code in matched else 0.0
            if 1 - (1 - probability) * (1 - lift) >= threshold:
                themes.add(code)
        out.append(frozenset(themes))
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("labelled", type=Path, metavar="LABELLED.jsonl")
    parser.add_argument("--candidate", metavar="SETTING", help='e.g. "POOL=mean,THRESHOLD=0.5"')
    parser.add_argument("--curve", action="store_true", help="what confirmed tags add")
    args = parser.parse_args(argv)
    import django

    django.setup()
    from casereview.learning import vocabulary
    from casereview.national.themes import agreement, dataset

    try:
        lessons = dataset.read(args.labelled, labelled=True)
        candidate = parse_setting(args.candidate) if args.candidate else None
    except (OSError, dataset.InputError, ValueError) as error:
        parser.error(str(error))  # exits with status 2
    if len(lessons) < FOLDS:
        parser.error(f"{args.labelled}: {len(lessons)} lessons, at least {FOLDS} are needed")
    codes = vocabulary.theme_codes()
    goal = vocabulary.theme_codes(vocabulary.PRACTICE, vocabulary.FAMILY_RISK)
    texts = [x.text for x in lessons]
    reference = [x.themes for x in lessons]
    size = len(lessons)

    def figure(predicted, ix=None) -> float:
        ix = range(size) if ix is None else ix
        pairs = [reference[i] for i in ix], [predicted[i] for i in ix]
        return agreement.macro_f1(agreement.per_code(goal, *pairs))

    rng = random.Random(20261130)
    samples = [[rng.randrange(size) for _ in range(size)] for _ in range(RESAMPLES)]

    def interval(values: list[float]) -> tuple[float, float]:
        values = sorted(values)
        return values[RESAMPLES // 40], values[RESAMPLES - 1 - RESAMPLES // 40]

    shipped_setting = parse_setting("")
    shipped = predict(model_for(shipped_setting), texts, shipped_setting)
    low, high = interval([figure(shipped, s) for s in samples])
    kappa = agreement.kappa(codes, reference, shipped)
    print(
        f"{args.labelled.name}: {size} lessons, {sum(len(r) for r in reference)} labels\n"
        f"shipped ({describe(shipped_setting)}): macro F1 {figure(shipped):.3f}"
        f" (95 % {low:.3f}–{high:.3f}; {sum(figure(shipped, s) >= 0.85 for s in samples)}"
        f" of {RESAMPLES} resamples at or above 0.85), kappa {kappa:.2f}"
    )
    if candidate:
        chosen = predict(model_for(candidate), texts, candidate)
        gains = [figure(chosen, s) - figure(shipped, s) for s in samples]
        none = sum(g <= 0 for g in gains) / RESAMPLES
        low, high = interval(gains)
        print(
            f"candidate ({describe(candidate)}): macro F1 {figure(chosen):.3f},"
            f" kappa {agreement.kappa(codes, reference, chosen):.2f};"
            f" {sum(a != b for a, b in zip(chosen, shipped, strict=True))} lessons tagged"
            f" differently; paired bootstrap gain {low:+.3f} to {high:+.3f} (95 %),"
            f" {none:.1%} of resamples show none: "
            + ("adopt it" if none <= NO_GAIN_AT_MOST else "within noise: keep the shipped settings")
        )
    if args.curve:
        order = list(range(size))
        random.Random(0).shuffle(order)
        folds = [order[i::FOLDS] for i in range(FOLDS)]
        most = size - max(len(f) for f in folds)
        for n in [*(n for n in CURVE if n < most), most]:
            predicted: list = [None] * size
            for fold in folds:
                held = set(fold)
                confirmed = [(texts[i], reference[i]) for i in order if i not in held][:n]
                model = model_for(shipped_setting, confirmed)
                for i, themes in zip(
                    fold, predict(model, [texts[i] for i in fold], shipped_setting), strict=True
                ):
                    predicted[i] = themes
            print(f"confirmed tags {n:>3}: macro F1 {figure(predicted):.3f} (five folds pooled)")
    return 0


def describe(setting: dict) -> str:
    return ", ".join(f"{k}={setting[k]}" for k in SETTING_KEYS)


if __name__ == "__main__":
    sys.exit(main())
