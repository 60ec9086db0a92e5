"""The supervised tagger: TF-IDF of words and word pairs ("start again", "not seen") side by
side with TF-IDF of character 3- to 5-grams within words (so "exploited", "exploitation" and
"exploit" share features), one logistic regression per theme code (one-vs-rest,
class-balanced), trained on human-confirmed tags.

Where the model lives: it is trained from the shipped labelled set (dataset.TRAINING) and,
with the tags people confirmed, through ``train(extra=...)``; training takes seconds, so a
trained model is kept in the model store (model_store.py: signed files on the documents
storage, named by what they were trained on) and in memory, and one with newly confirmed
tags is trained by the task worker (tasks.py), never in a request. No binary is committed.
Training is deterministic (fixed solver and seed): the same examples give the same model and
scores."""

from __future__ import annotations

import hashlib
import itertools
import re
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from casereview.learning import vocabulary

from . import dataset, model_store
from .rules import Span

SEED = 0
C = 10.0  # inverse regularisation, chosen with the tagger's settings (scripts/theme_tune.py)
# How many times each whole lesson counts in training beside the composed sentences of
# train.jsonl (700 of them, short and plain): more weight to the lessons written like real
# ones (chosen by scripts/theme_tune.py).
LESSON_WEIGHT = 3
# Words, for evidence spans: each word is scored by its own weight and the character n-grams
# it is made of; each pair of neighbouring words by the weight of the pair.
TOKEN = re.compile(r"(?u)\b\w\w+\b")
# A long finding is scored as a whole and sentence by sentence: TF-IDF rows are normalised,
# so an issue named in one sentence of five weighs little in the whole. POOL says how the
# scores are put together (chosen by scripts/theme_tune.py): "whole" (the text only), "max"
# (the highest of the whole and its sentences), "mean" (halfway between the whole and the
# highest of the whole and its sentences: a sentence can raise a code, never lower it).
# With the long findings of train_findings2.jsonl in training, "whole" scores best.
POOL = "whole"
POOLS = ("whole", "max", "mean")
SENTENCE_END = re.compile(r"(?<=[.;:!?])\s+(?=\S)")


def sentences(text: str) -> list[str]:
    """The sentences (and clauses after a semicolon or colon) of ``text`` that have at least
    four words; none when the text is a single one."""
    parts = [p for p in SENTENCE_END.split(text.strip()) if len(TOKEN.findall(p)) >= 4]
    return parts if len(parts) > 1 else []


@dataclass(frozen=True)
class Model:
    codes: tuple[str, ...]
    vectorizer: object
    classifier: object

    def probabilities(
        self, texts: Sequence[str], pool: str | None = None
    ) -> list[dict[str, float]]:
        pool = pool or POOL
        if pool not in POOLS:
            raise ValueError(f"pool must be one of {POOLS}")
        parts = [sentences(text) if pool != "whole" else [] for text in texts]
        flat = list(texts) + [part for ps in parts for part in ps]
        rows = self.classifier.predict_proba(self.vectorizer.transform(flat))
        out, at = [], len(texts)
        for i, ps in enumerate(parts):
            row = rows[i]
            if ps:
                best = np.maximum(row, rows[at : at + len(ps)].max(axis=0))
                at += len(ps)
                row = best if pool == "max" else (row + best) / 2
            out.append(dict(zip(self.codes, (float(p) for p in row), strict=True)))
        return out

    def evidence(self, text: str, codes: Sequence[str], limit: int = 3) -> dict[str, list[Span]]:
        """For each code, the words (and pairs of words) of ``text`` that push it up the most
        (their features' TF-IDF weight times the code's coefficient), as spans."""
        row = self.vectorizer.transform([text]).tocsr()
        values = dict(zip(row.indices, row.data, strict=True))
        (_, words_part), (_, chars_part) = self.vectorizer.transformer_list
        word_index, char_index = words_part.vocabulary_, chars_part.vocabulary_
        offset = len(word_index)  # the union puts the word features first
        from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS as STOP

        chars = chars_part.build_analyzer()
        # "was" or "and was" can weigh for a code, but they are no evidence a person can judge.
        tokens = list(TOKEN.finditer(text))
        candidates: dict[str, tuple[int, int, set[int]]] = {}
        for m in tokens:
            word = m.group().lower()
            if word not in candidates and word not in STOP:
                indices = {offset + char_index[g] for g in chars(word) if g in char_index}
                if word in word_index:
                    indices.add(word_index[word])
                candidates[word] = (m.start(), m.end(), indices)
        for first, second in itertools.pairwise(tokens):
            pair = f"{first.group().lower()} {second.group().lower()}"
            if STOP.issuperset(pair.split()):
                continue
            if pair in word_index and pair not in candidates:
                candidates[pair] = (first.start(), second.end(), {word_index[pair]})
        found = {}
        for code in codes:
            estimator = self.classifier.estimators_[self.codes.index(code)]
            if not hasattr(estimator, "coef_"):  # a code with no examples: a constant
                found[code] = []
                continue
            weights = estimator.coef_[0]
            scored = []
            for start, end, indices in candidates.values():
                contribution = sum(values.get(i, 0.0) * weights[i] for i in indices)
                if contribution > 0:
                    scored.append((-contribution, start, end))
            scored.sort()
            found[code] = [Span(s, e, text[s:e], "model") for _, s, e in scored[:limit]]
        return found


def train(extra: Iterable[tuple[str, Iterable[str]]] = ()) -> Model:
    """A model of the shipped training set plus ``extra`` (text, confirmed codes) pairs."""
    examples = [(x.text, x.themes) for x in dataset.read(dataset.TRAIN, labelled=True)]
    examples += lessons(
        [
            (x.text, x.themes)
            for p in dataset.TRAINING
            if p != dataset.TRAIN
            for x in dataset.read(p, labelled=True)
        ]
    )
    examples += [(text, frozenset(codes)) for text, codes in extra]
    return fit(examples)


def lessons(examples: Sequence[tuple[str, Iterable[str]]], weight: int | None = None) -> list:
    """Whole lessons, each repeated ``weight`` times (LESSON_WEIGHT): the same as weighing
    its loss that much in the logistic regression (the IDF counts the copies too)."""
    return [example for example in examples for _ in range(weight or LESSON_WEIGHT)]


def fit(examples: Sequence[tuple[str, Iterable[str]]], c: float = C) -> Model:
    """A model of exactly these (text, codes) examples (scripts/theme_tune.py fits folds)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.multiclass import OneVsRestClassifier
    from sklearn.pipeline import FeatureUnion
    from sklearn.preprocessing import MultiLabelBinarizer

    codes = vocabulary.theme_codes()
    binarizer = MultiLabelBinarizer(classes=codes)
    labels = binarizer.fit_transform([themes for _, themes in examples])
    vectorizer = FeatureUnion(
        [
            ("words", TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True)),
            (
                "chars",
                TfidfVectorizer(
                    analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, min_df=2
                ),
            ),
        ]
    )
    matrix = vectorizer.fit_transform([text for text, _ in examples])
    # dual=True: the same optimum as the primal, ten times quicker with more features than
    # examples (as here).
    classifier = OneVsRestClassifier(
        LogisticRegression(
            C=c, class_weight="balanced", solver="liblinear", dual=True, random_state=SEED
        )
    )
    classifier.fit(matrix, labels)
    return Model(codes, vectorizer, classifier)


@cache
def dataset_key() -> str:
    """What the shipped model is made of: the training files, the settings and the library
    version (a model pickled by another scikit-learn is not read back). Read once per
    process: the files ship with the code."""
    import sklearn

    digest = hashlib.sha256(f"{C} {LESSON_WEIGHT} {SEED} {sklearn.__version__}".encode())
    for path in dataset.TRAINING:
        digest.update(Path(path).read_bytes())
    return digest.hexdigest()[:20]


def key_of(version: tuple[int, int | None]) -> str:
    """The model store's name of the model of the shipped set and the confirmed tags at
    `version` (learning.suggestions.confirmed_version)."""
    n, last = version
    return f"{dataset_key()}-{n}-{last or 0}"


@cache
def model() -> Model:
    """The model of the shipped set: from the model store, else trained (once, at the first
    use after an install or upgrade) and stored."""
    key = key_of((0, None))
    found = model_store.load(key)
    if found is None:
        found = train()
        model_store.save(key, found)
    return found


_loaded: dict[str, Model] = {}
# What serves while the current model is missing and this process has none in memory.
_fallback: list[Model] = []
# When this process last queued each model's training: again after REQUEUE_AFTER seconds,
# should that task have failed or its worker been down.
_queued: dict[str, float] = {}
REQUEUE_AFTER = 600.0


def with_confirmed() -> Model:
    """The shipped set plus the lessons whose themes a person confirmed
    (casereview/learning/suggestions.py), as stored by the task worker. One aggregate query
    per call while the confirmed tags are unchanged. When they changed and the worker has not
    stored that model yet, training is queued (once per process, again after REQUEUE_AFTER
    seconds if it is still missing) and the latest model this process has serves meanwhile:
    suggestions catch up seconds later, and no request waits for a training. The held-out
    evaluation keeps using `model()`, which never sees the database."""
    from casereview.learning.suggestions import confirmed_version

    version = confirmed_version()
    if version == (0, None):
        return model()
    key = key_of(version)
    if key in _loaded:
        return _loaded[key]
    found = model_store.load(key)
    if found is None and time.monotonic() - _queued.get(key, -REQUEUE_AFTER) >= REQUEUE_AFTER:
        from .tasks import train_with_confirmed

        _queued[key] = time.monotonic()
        train_with_confirmed.enqueue()
        found = model_store.load(key)  # a task backend that runs at once has stored it
    if found is None:
        # Read from the store once, not on every suggestion while the training runs.
        if not _fallback:
            _fallback.append(model_store.newest() or model())
        return next(iter(_loaded.values()), None) or _fallback[0]
    _loaded.clear()
    _loaded[key] = found
    _fallback.clear()
    return found
