"""The supervised tagger: the same examples give the same model, and on the held-out lessons
(phrasings it never trained on) it holds the figures docs/national.md reports."""

import runpy
from pathlib import Path

from casereview.learning import vocabulary
from casereview.national.themes import agreement, classifier, dataset, tagger

# Measured on 2026-11-29 (combined method, practice issues and family risks): macro F1 0.495
# and kappa 0.49 on the held-out set (paraphrases); 0.853 and 0.82 on the 80 realistic
# lessons, of which the 20 written last (61-80, never used to choose anything) gave 0.800.
# The floors sit a little below the figures nothing was tuned on, so that a change which
# makes the tagger worse fails here. docs/national.md says what they mean against the 0.85
# goal of QUALITY.md.
MACRO_F1_FLOOR = 0.46
KAPPA_FLOOR = 0.45
REALISTIC_MACRO_F1_FLOOR = 0.80
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
