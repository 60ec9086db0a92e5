"""Choose the theme tagger's settings by cross-validation on the training lessons only.

    .venv/bin/python scripts/theme_tune.py

The whole lessons of the training files (data/train_lessons.jsonl, train_published.jsonl,
train_findings.jsonl, train_findings2.jsonl) are split in five folds; each fold is scored by
a model of the composed sentences (data/train.jsonl, always in training: their sentences
recur across lessons, so splitting them would leak) and the other four folds. Over the
out-of-fold scores it prints the macro F1 of each (C, LESSON_WEIGHT, POOL, RULE_WEIGHT,
THRESHOLD), also over the longer findings of both findings files and over
train_findings2.jsonl alone ("other voices"), and, for the best, whether thresholds per code
(chosen on one half of the lessons, judged on the other, ten times) would beat the one
threshold.
No test file (dataset.TESTS) is read. Deterministic; about a minute and a half."""

from __future__ import annotations

import itertools
import os
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casereview.settings")

CS = (2.0, 5.0, 10.0)
POOLS = ("whole", "max", "mean")
LESSON_WEIGHTS = (1, 2, 3)
RULE_WEIGHTS = (0.2, 0.3, 0.4, 0.5, 0.6)
THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5)
# 0: a theme's name counts as any other phrase (the weight of rules.NAMES off)
NAME_WEIGHTS = (0.0, 0.5, 0.6)
FOLDS = 5


def f1(pairs) -> float:
    tp = sum(r and p for r, p in pairs)
    total = sum(r for r, _ in pairs) + sum(p for _, p in pairs)
    return 2 * tp / total if total else 0.0


def macro(codes, reference, scores, thresholds) -> float:
    used = []
    for code in codes:
        pairs = [
            (code in r, s[code] >= thresholds[code]) for r, s in zip(reference, scores, strict=True)
        ]
        if any(r or p for r, p in pairs):
            used.append(f1(pairs))
    return sum(used) / len(used) if used else 0.0


def main() -> None:
    import django

    django.setup()
    from casereview.learning import vocabulary
    from casereview.national.themes import classifier, dataset, rules, tagger

    codes = vocabulary.theme_codes()
    sentences = [(x.text, x.themes) for x in dataset.read(dataset.TRAIN, labelled=True)]
    lessons = [
        x for p in dataset.TRAINING if p != dataset.TRAIN for x in dataset.read(p, labelled=True)
    ]
    order = list(range(len(lessons)))
    random.Random(0).shuffle(order)
    folds = [order[i::FOLDS] for i in range(FOLDS)]
    matched = [rules.match(x.text) for x in lessons]
    named = [rules.named(x.text) for x in lessons]
    reference = [x.themes for x in lessons]
    # the longer findings of train_findings.jsonl and train_findings2.jsonl (other voices, the
    # longest), the closest to real published lessons
    findings = [i for i, x in enumerate(lessons) if str(x.id).startswith(("finding-", "finding2-"))]
    voices = [i for i, x in enumerate(lessons) if str(x.id).startswith("finding2-")]
    results = []
    for c, lesson_weight in itertools.product(CS, LESSON_WEIGHTS):
        scored: dict[str, list[dict]] = {pool: [{}] * len(lessons) for pool in POOLS}
        for fold in folds:
            held = set(fold)
            rest = [(lessons[i].text, lessons[i].themes) for i in order if i not in held]
            model = classifier.fit(sentences + classifier.lessons(rest, lesson_weight), c=c)
            for pool in POOLS:
                texts = [lessons[i].text for i in fold]
                for i, p in zip(fold, model.probabilities(texts, pool=pool), strict=True):
                    scored[pool][i] = p
        for pool, probabilities in scored.items():
            for weight, name_weight in itertools.product(RULE_WEIGHTS, NAME_WEIGHTS):
                scores = [
                    {
                        k: 1
                        - (1 - p[k])
                        * (1 - (max(name_weight, weight) if k in n else weight * (k in m)))
                        for k in codes
                    }
                    for p, m, n in zip(probabilities, matched, named, strict=True)
                ]
                for t in THRESHOLDS:
                    figure = macro(codes, reference, scores, dict.fromkeys(codes, t))
                    longer = macro(
                        codes,
                        [reference[i] for i in findings],
                        [scores[i] for i in findings],
                        dict.fromkeys(codes, t),
                    )
                    other = macro(
                        codes,
                        [reference[i] for i in voices],
                        [scores[i] for i in voices],
                        dict.fromkeys(codes, t),
                    )
                    results.append((figure, c, lesson_weight, pool, weight, name_weight, t, scores))
                    print(
                        f"C={c:<4} lesson weight={lesson_weight} pool={pool:5} "
                        f"rule weight={weight} name weight={name_weight} threshold={t}: "
                        f"macro F1 {figure:.3f} (longer findings {longer:.3f}, "
                        f"other voices {other:.3f})"
                    )
    best = max(results, key=lambda r: r[0])
    figure, c, lesson_weight, pool, weight, name_weight, t, scores = best
    print(
        f"\nbest: C={c} LESSON_WEIGHT={lesson_weight} POOL={pool} RULE_WEIGHT={weight} "
        f"NAME_WEIGHT={name_weight} THRESHOLD={t} (macro F1 {figure:.3f}); shipped: "
        f"C={classifier.C} LESSON_WEIGHT={classifier.LESSON_WEIGHT} POOL={classifier.POOL} "
        f"RULE_WEIGHT={tagger.RULE_WEIGHT} NAME_WEIGHT={tagger.NAME_WEIGHT} "
        f"THRESHOLD={tagger.THRESHOLD}"
    )
    grid = [x / 100 for x in range(20, 80, 5)]
    rng = random.Random(0)
    one = per = 0.0
    for _ in range(10):
        half = rng.sample(range(len(lessons)), len(lessons) // 2)
        other = [i for i in range(len(lessons)) if i not in set(half)]
        chosen = {}
        for code in codes:
            chosen[code] = max(
                grid,
                key=lambda x: (
                    f1([(code in reference[i], scores[i][code] >= x) for i in half]),
                    -abs(x - t),
                ),
            )
        pick = lambda ix: ([reference[i] for i in ix], [scores[i] for i in ix])  # noqa: E731
        one += macro(codes, *pick(other), dict.fromkeys(codes, t)) / 10
        per += macro(codes, *pick(other), chosen) / 10
    print(f"on unseen halves: one threshold {one:.3f}, a threshold per code {per:.3f}")


if __name__ == "__main__":
    main()
