"""Trained theme models are kept in the model store and trained by the task worker: a
confirmation never makes a request wait for a training (national/themes/model_store.py,
classifier.with_confirmed, tasks.train_with_confirmed)."""

import os
import time

import pytest

from casereview.audit.context import SYSTEM
from casereview.learning import themes
from casereview.learning.tests.helpers import lesson_of
from casereview.national.themes import classifier, model_store
from casereview.national.themes.tasks import train_with_confirmed
from conftest import review_of

DUMMY = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
TEXT = "Nobody asked the child what life at home was like."


@pytest.fixture(autouse=True)
def _fresh_process_state():
    for state in (classifier._loaded, classifier._queued, classifier._fallback):
        state.clear()
    yield
    for state in (classifier._loaded, classifier._queued, classifier._fallback):
        state.clear()


def test_a_stored_model_is_read_back_only_when_it_verifies(settings):
    model_store.save("abc-1-2", {"weights": [1, 2, 3]})
    assert model_store.has("abc-1-2")
    assert model_store.load("abc-1-2") == {"weights": [1, 2, 3]}
    assert model_store.load("abc-9-9") is None
    path = model_store.root() / "abc-1-2.model"
    raw = bytearray(path.read_bytes())
    raw[-1] ^= 1
    path.write_bytes(bytes(raw))
    assert model_store.load("abc-1-2") is None
    settings.SECRET_KEY = "another-secret-key-entirely-0123456789-0123456789"
    model_store.save("abc-1-3", {"weights": []})
    settings.SECRET_KEY = "yet-another-secret-key-0123456789-0123456789-0123"
    assert model_store.load("abc-1-3") is None
    with pytest.raises(ValueError):
        model_store.load("../../etc/passwd")


def test_only_the_newest_models_are_kept():
    for n in range(model_store.KEEP + 2):
        model_store.save(f"k-{n}-0", n)
        # Saved a second apart, as models are (each takes seconds to train).
        os.utime(model_store.root() / f"k-{n}-0.model", (time.time() + n, time.time() + n))
    kept = sorted(p.name for p in model_store.root().glob("*.model"))
    assert kept == [f"k-{n}-0.model" for n in range(2, model_store.KEEP + 2)]
    assert model_store.newest() == model_store.KEEP + 1
    # The model just saved is kept, whatever the clock says of the others.
    os.utime(model_store.root() / "k-2-0.model", (time.time() + 99, time.time() + 99))
    model_store.save("k-9-0", 9)
    assert model_store.load("k-9-0") == 9


def test_a_confirmation_queues_the_training_and_no_request_trains(world, settings, monkeypatch):
    settings.TASKS = DUMMY
    shipped = classifier.model()
    trained = []
    real_train = classifier.train
    monkeypatch.setattr(
        classifier, "train", lambda extra=(): trained.append(list(extra)) or real_train(extra)
    )
    lesson = lesson_of(world, review_of(world), text=TEXT)
    themes.add_tag(
        lesson,
        actor=world.user("panel_chair"),
        context=SYSTEM,
        code="voice_of_child",
        evidence="asked the child",
    )
    from django.tasks import default_task_backend

    # The page after the confirmation: a model already trained serves (here the shipped
    # one), and the training is queued, once.
    monkeypatch.setattr(model_store, "newest", lambda: reads.append(1) or shipped)
    reads: list = []
    assert classifier.with_confirmed().codes == shipped.codes
    assert classifier.with_confirmed().codes == shipped.codes
    assert trained == [] and reads == [1]  # the store read once, not per suggestion
    assert [r.task.name for r in default_task_backend.results] == ["train_with_confirmed"]
    # Should the task fail, the process queues it again, but only after a while.
    monkeypatch.setattr(classifier, "REQUEUE_AFTER", 0.0)
    classifier.with_confirmed()
    assert len(default_task_backend.results) == 2
    # The worker trains and stores it; every process then reads it from the store.
    key = train_with_confirmed.call()
    assert trained == [[(TEXT, ["voice_of_child"])]]
    assert model_store.has(key) and key == classifier.key_of((1, lesson.tags.get().pk))
    stored = classifier.with_confirmed()
    assert stored is not shipped and stored.codes == shipped.codes
    # Asked again (another web process), the worker finds it stored and does not train.
    assert train_with_confirmed.call() == key and len(trained) == 1


def test_the_shipped_model_is_trained_once_and_read_from_the_store(monkeypatch):
    build = classifier.model.__wrapped__  # the function under its per-process cache
    monkeypatch.setattr(classifier, "train", lambda extra=(): "trained")
    assert build() == "trained"
    assert model_store.load(classifier.key_of((0, None))) == "trained"
    monkeypatch.setattr(classifier, "train", lambda extra=(): pytest.fail("trained again"))
    assert build() == "trained"


def test_themes_train_stores_the_models_so_that_no_request_trains_one(world, monkeypatch):
    from io import StringIO

    from django.core.management import call_command

    def train(extra=()):
        trained.append(len(list(extra)))
        return {"trained on": trained[-1]}

    def run() -> str:
        out = StringIO()
        call_command("themes", "train", stdout=out)
        return out.getvalue()

    trained: list = []
    monkeypatch.setattr(classifier, "train", train)
    classifier.model.cache_clear()
    try:
        shipped = classifier.key_of((0, None))
        assert run() == f"shipped model {shipped}: trained and stored\n"
        assert model_store.load(shipped) == {"trained on": 0}
        assert run() == f"shipped model {shipped}: already stored\n" and trained == [0]
        lesson = lesson_of(world, review_of(world), text=TEXT)
        themes.add_tag(
            lesson,
            actor=world.user("panel_chair"),
            context=SYSTEM,
            code="voice_of_child",
            evidence="asked the child",
        )
        confirmed = classifier.key_of((1, lesson.tags.get().pk))
        said = run().splitlines()
        assert said == [
            f"shipped model {shipped}: already stored",
            f"model with 1 confirmed tags {confirmed}: trained and stored",
        ]
        assert model_store.load(confirmed) == {"trained on": 1} and trained == [0, 1]
        assert run().endswith(f"{confirmed}: already stored\n") and trained == [0, 1]
    finally:
        classifier.model.cache_clear()
