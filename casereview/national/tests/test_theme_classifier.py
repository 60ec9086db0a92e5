"""The supervised tagger: the same examples give the same model, and on the held-out lessons
(phrasings it never trained on) it holds the figures docs/national.md reports."""

import re
import runpy
from pathlib import Path

import pytest

from casereview.learning import vocabulary
from casereview.national.themes import agreement, classifier, dataset, tagger

# Measured on 2026-11-29 after the fourth round (combined method, practice issues and family
# risks): macro F1 0.551 and kappa 0.55 on the held-out set (paraphrases); 0.843 and 0.82 on
# the 80 realistic lessons; 0.810 and 0.78 on the 58 fresh lessons (fresh_2026_11_29.jsonl);
# 0.758 and 0.69 on the 63 long fresh findings (fresh2_2026_11_29.jsonl, written and labelled
# before the third round's changes). After the fifth round: 0.545 and 0.54 held-out, 0.849
# and 0.82 realistic, 0.810 and 0.79 fresh, 0.763 and 0.70 fresh2. The real published lessons
# the fourth and fifth rounds measured are third-party text kept outside the repository
# (docs/national.md), so no test reads them.
# The floors sit a little below, so that a change which makes the tagger worse fails here.
# docs/national.md says what they mean against the 0.85 goal of QUALITY.md.
MACRO_F1_FLOOR = 0.52
KAPPA_FLOOR = 0.52
REALISTIC_MACRO_F1_FLOOR = 0.82
FRESH_MACRO_F1_FLOOR = 0.79
FRESH2_MACRO_F1_FLOOR = 0.74
CODER_KAPPA_FLOOR = 0.8
BUILDER = Path(__file__).resolve().parents[3] / "scripts" / "theme_devset.py"


def macro_f1(lessons, method, axes=(vocabulary.PRACTICE, vocabulary.FAMILY_RISK)):
    codes = vocabulary.theme_codes(*axes)
    reference = [lesson.themes for lesson in lessons]
    predicted = [r.themes for r in tagger.tag([lesson.text for lesson in lessons], method)]
    return agreement.macro_f1(agreement.per_code(codes, reference, predicted))


def test_training_is_deterministic():
    texts = ["The baby's father was never seen and the mother drank heavily."]
    first, second = classifier.train(), classifier.train()
    assert first.probabilities(texts) == second.probabilities(texts)
    assert classifier.model() is classifier.model()  # trained once per process


def test_confirmed_tags_join_the_training_set():
    text = "Zebra crossings were unmarked."
    before = classifier.train().probabilities([text])[0]["recording"]
    after = classifier.train(extra=[(text, ["recording"])] * 5).probabilities([text])[0][
        "recording"
    ]
    assert after > before + 0.2


def test_the_development_set_is_labelled_with_every_theme_code():
    train = dataset.read(dataset.TRAIN, labelled=True)
    held_out = dataset.read(dataset.HELD_OUT, labelled=True)
    assert len(train) >= 500 and len(held_out) >= 150
    for lessons in (train, held_out):
        counts = {code: sum(code in x.themes for x in lessons) for code in vocabulary.theme_codes()}
        assert min(counts.values()) >= 5, counts
        assert sum(len(x.themes) > 1 for x in lessons) >= len(lessons) // 4  # multi-label


def test_the_development_set_is_what_its_builder_writes(tmp_path):
    builder = runpy.run_path(str(BUILDER), run_name="devset")
    builder["main"](tmp_path)
    for path in (dataset.TRAIN, dataset.HELD_OUT):
        assert (tmp_path / path.name).read_text() == path.read_text(), path.name


def test_no_held_out_sentence_is_in_the_training_set():
    builder = runpy.run_path(str(BUILDER), run_name="devset")
    held_out = [s for sentences in builder["SENTENCES"].values() for s in sentences[-3:]]
    training = " ".join(path.read_text().lower() for path in dataset.TRAINING)
    assert len(held_out) == 69
    assert not [s for s in held_out if s.lower().rstrip(".") in training]


def test_held_out_macro_f1_and_kappa_hold_their_floors():
    held_out = dataset.read(dataset.HELD_OUT, labelled=True)
    combined = macro_f1(held_out, "combined")
    print(f"held-out macro F1 (practice issues, family risks): {combined:.3f}")
    assert combined >= MACRO_F1_FLOOR
    # Each source on its own does worse than the two together.
    assert combined > macro_f1(held_out, "model")
    assert combined > macro_f1(held_out, "rules")
    codes = vocabulary.theme_codes()
    predicted = [r.themes for r in tagger.tag([x.text for x in held_out])]
    assert agreement.kappa(codes, [x.themes for x in held_out], predicted) >= KAPPA_FLOOR


def _runs(text: str, n: int = 10) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def test_no_test_lesson_is_in_the_training_set_nor_copied_into_it():
    """Exact texts, and any run of ten words (stock phrases such as "no referral was made to
    children's social care" are eight), for the whole-lesson test files."""
    training = dataset.training()
    texts = {x.text for x in training}
    runs = set().union(*(_runs(x.text) for x in training))
    for path in dataset.TESTS:
        lessons = dataset.read(path, labelled=True)
        assert not texts & {x.text for x in lessons}, path.name
        if path in (dataset.REALISTIC, dataset.FRESH, dataset.FRESH2):
            assert not [x.id for x in lessons if _runs(x.text) & runs], path.name


def test_the_fresh_set_is_labelled_with_every_practice_issue_and_family_risk():
    fresh = dataset.read(dataset.FRESH, labelled=True)
    assert len(fresh) >= 40
    codes = vocabulary.theme_codes(vocabulary.PRACTICE, vocabulary.FAMILY_RISK)
    counts = {code: sum(code in x.themes for x in fresh) for code in codes}
    assert min(counts.values()) >= 3, counts
    assert sum(len(x.themes) > 1 for x in fresh) >= len(fresh) // 2


def test_fresh_lessons_hold_their_floor():
    """Written and labelled before this round's changes; scored once before and once after."""
    fresh = dataset.read(dataset.FRESH, labelled=True)
    combined = macro_f1(fresh, "combined")
    print(f"fresh macro F1 (practice issues, family risks): {combined:.3f}")
    assert combined >= FRESH_MACRO_F1_FLOOR


def test_the_second_fresh_set_is_long_findings_labelled_with_every_code():
    fresh2 = dataset.read(dataset.FRESH2, labelled=True)
    assert len(fresh2) >= 60
    codes = vocabulary.theme_codes(vocabulary.PRACTICE, vocabulary.FAMILY_RISK)
    counts = {code: sum(code in x.themes for x in fresh2) for code in codes}
    assert min(counts.values()) >= 3, counts
    assert sum(len(x.themes) > 1 for x in fresh2) >= len(fresh2) * 3 // 4
    # long like real findings: most of them 100 words or more
    assert sum(len(x.text.split()) >= 100 for x in fresh2) > len(fresh2) * 3 // 4


def test_long_fresh_findings_hold_their_floor():
    """Written and labelled before the third round's changes; scored once before and once
    after."""
    fresh2 = dataset.read(dataset.FRESH2, labelled=True)
    combined = macro_f1(fresh2, "combined")
    print(f"fresh2 macro F1 (practice issues, family risks): {combined:.3f}")
    assert combined >= FRESH2_MACRO_F1_FLOOR


def test_a_code_named_in_one_sentence_of_a_long_finding_is_scored_by_that_sentence():
    text = (
        "The review considered the eighteen months before the incident. Agencies provided "
        "reports and met at a learning event. The father drank heavily every evening. The "
        "review panel met four times and agreed the findings."
    )
    assert classifier.sentences(text)[2] == "The father drank heavily every evening."
    assert classifier.sentences("One sentence only, with no other.") == []
    model = classifier.model()
    whole, mean, most = (
        model.probabilities([text], pool=pool)[0]["parental_substance_misuse"]
        for pool in ("whole", "mean", "max")
    )
    assert whole < mean < most
    with pytest.raises(ValueError):
        model.probabilities([text], pool="median")


def test_realistic_lessons_hold_their_floor():
    realistic = dataset.read(dataset.REALISTIC, labelled=True)
    trained = {lesson.text for lesson in dataset.training()}
    assert len(realistic) == 80 and not trained & {x.text for x in realistic}
    combined = macro_f1(realistic, "combined")
    print(f"realistic macro F1 (practice issues, family risks): {combined:.3f}")
    assert combined >= REALISTIC_MACRO_F1_FLOOR


def test_two_coders_labelled_the_first_realistic_lessons_and_mostly_agree():
    """Coder b labelled lessons 1-30 without seeing coder a's labels; the reference ("themes")
    is what they agreed after resolving each difference (docs/national.md lists them)."""
    coded = [x for x in dataset.read(dataset.REALISTIC, labelled=True) if x.coders]
    assert len(coded) == 30 and all(set(x.coders) == {"a", "b"} for x in coded)
    codes = vocabulary.theme_codes()
    a, b = [x.coders["a"] for x in coded], [x.coders["b"] for x in coded]
    assert agreement.kappa(codes, a, b) >= CODER_KAPPA_FLOOR
    # The reference holds every code both chose: a resolution only adds or drops disputed ones.
    assert all(x.coders["a"] & x.coders["b"] <= x.themes for x in coded)


def test_a_second_coder_labelled_a_quarter_of_the_held_out_set():
    held_out = {x.id: x for x in dataset.read(dataset.HELD_OUT, labelled=True)}
    coded = dataset.read(dataset.HELD_OUT_TWO_CODERS, labelled=True)
    assert len(coded) == 40
    for lesson in coded:  # the same texts, and coder a is the builder's label
        assert lesson.text == held_out[lesson.id].text
        assert lesson.coders["a"] == held_out[lesson.id].themes
    codes = vocabulary.theme_codes()
    a, b = [x.coders["a"] for x in coded], [x.coders["b"] for x in coded]
    assert agreement.kappa(codes, a, b) >= CODER_KAPPA_FLOOR


def test_lessons_it_trained_on_are_tagged_almost_perfectly():
    """Not a measure of quality (the model has seen them): a check that it learns at all."""
    assert macro_f1(dataset.training(), "model") >= 0.9
