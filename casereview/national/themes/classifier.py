"""The supervised tagger: TF-IDF of character 3- to 5-grams within words (so "exploited",
"exploitation" and "exploit" share features), one logistic regression per theme code
(one-vs-rest), trained on human-confirmed tags.

Where the model lives: it is trained at first use from the shipped labelled set
(data/train.jsonl and data/train_lessons.jsonl, a second or two) and cached in memory for
the life of the process; nothing is written to disk and no binary is committed. Training
is deterministic (fixed solver and seed): the same examples give the same model and scores.
Confirmed tags from the database join the shipped set through ``train(extra=...)``."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from casereview.learning import vocabulary

from . import dataset
from .rules import Span

SEED = 0
# Words, for evidence spans: each word is scored by the character n-grams it is made of.
TOKEN = re.compile(r"(?u)\b\w\w+\b")


@dataclass(frozen=True)
class Model:
    codes: tuple[str, ...]
    vectorizer: object
    classifier: object

    def probabilities(self, texts: Sequence[str]) -> list[dict[str, float]]:
        matrix = self.vectorizer.transform(texts)
        rows = self.classifier.predict_proba(matrix)
        return [dict(zip(self.codes, (float(p) for p in row), strict=True)) for row in rows]

    def evidence(self, text: str, codes: Sequence[str], limit: int = 3) -> dict[str, list[Span]]:
        """For each code, the words of ``text`` that push it up the most (the sum of their
        n-grams' TF-IDF weight times the code's coefficient), as spans."""
        row = self.vectorizer.transform([text]).tocsr()
        values = dict(zip(row.indices, row.data, strict=True))
        features = self.vectorizer.vocabulary_
        analyse = self.vectorizer.build_analyzer()
        words: dict[str, tuple[int, int, set[int]]] = {}
        for m in TOKEN.finditer(text):
            word = m.group().lower()
            if word not in words:
                indices = {features[g] for g in analyse(word) if g in features}
                words[word] = (m.start(), m.end(), indices)
        found = {}
        for code in codes:
            estimator = self.classifier.estimators_[self.codes.index(code)]
            if not hasattr(estimator, "coef_"):  # a code with no examples: a constant
                found[code] = []
                continue
            weights = estimator.coef_[0]
            scored = []
            for start, end, indices in words.values():
                contribution = sum(values.get(i, 0.0) * weights[i] for i in indices)
                if contribution > 0:
                    scored.append((-contribution, start, end))
            scored.sort()
            found[code] = [Span(s, e, text[s:e], "model") for _, s, e in scored[:limit]]
        return found


def train(extra: Iterable[tuple[str, Iterable[str]]] = ()) -> Model:
    """A model of the shipped training set plus ``extra`` (text, confirmed codes) pairs."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.multiclass import OneVsRestClassifier
    from sklearn.preprocessing import MultiLabelBinarizer

    examples = [(lesson.text, lesson.themes) for lesson in dataset.training()]
    examples += [(text, frozenset(codes)) for text, codes in extra]
    codes = vocabulary.theme_codes()
    binarizer = MultiLabelBinarizer(classes=codes)
    labels = binarizer.fit_transform([themes for _, themes in examples])
    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
    matrix = vectorizer.fit_transform([text for text, _ in examples])
    classifier = OneVsRestClassifier(
        LogisticRegression(C=5.0, class_weight="balanced", solver="liblinear", random_state=SEED)
    )
    classifier.fit(matrix, labels)
    return Model(codes, vectorizer, classifier)


@cache
def model() -> Model:
    """The model of the shipped set, trained once per process."""
    return train()
