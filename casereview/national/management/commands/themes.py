"""`casereview themes tag INPUT.jsonl` suggests theme codes for each lesson;
`casereview themes evaluate LABELLED.jsonl` measures the tagger against human labels;
`casereview themes train` stores the models suggestions use, after an install or upgrade, so
that no request waits for one to be trained. Bad input stops with exit status 2 and the line
number (docs/national.md, Themes)."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from casereview.learning import vocabulary
from casereview.national.themes import agreement, classifier, dataset, model_store, tagger

BAD_INPUT = 2


def _kappa(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


class Command(BaseCommand):
    help = (
        "Theme tagging of lessons: `tag INPUT.jsonl`, `evaluate LABELLED.jsonl`, and `train` "
        "(store the models suggestions use)."
    )
    # Text in, text out: no database, so none of the start-up checks (some of which read it).
    requires_system_checks = []

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        tag = sub.add_parser("tag", help='lines {"id", "text"} -> {"id", "themes", "scores"}')
        tag.add_argument("input", type=Path)
        tag.add_argument("--out", type=Path, help="write here instead of standard output")
        tag.add_argument("--evidence", action="store_true", help="add each theme's evidence")
        evaluate = sub.add_parser("evaluate", help='per-code figures against lines with "themes"')
        evaluate.add_argument("labelled", type=Path)
        for each in (tag, evaluate):
            each.add_argument("--method", choices=tagger.METHODS, default="combined")
        sub.add_parser(
            "train",
            help="store the shipped model and the one with the confirmed tags, if not stored",
        )

    def handle(self, *args, **options):
        if options["subcommand"] == "tag":
            self.tag(options["input"], options["out"], options["method"], options["evidence"])
        elif options["subcommand"] == "train":
            self.train()
        else:
            self.evaluate(options["labelled"], options["method"])

    def train(self) -> None:
        """The shipped model, then the model with the tags people confirmed (the task
        worker's own task, run here), each trained only if the model store lacks it."""
        from casereview.learning.suggestions import confirmed_version
        from casereview.national.themes.tasks import train_with_confirmed

        def done(key: str) -> str:
            return "already stored" if model_store.has(key) else "trained and stored"

        shipped = classifier.key_of((0, None))
        said = done(shipped)
        model = classifier.model()  # read from the store, or trained and stored
        if not model_store.has(shipped):  # this process had it in memory already
            model_store.save(shipped, model)
        self.stdout.write(f"shipped model {shipped}: {said}")
        version = confirmed_version()
        if version != (0, None):
            said = done(classifier.key_of(version))
            key = train_with_confirmed.call()
            self.stdout.write(f"model with {version[0]} confirmed tags {key}: {said}")

    def read(self, path: Path, *, labelled: bool) -> list[dataset.Lesson]:
        try:
            return dataset.read(path, labelled=labelled)
        except dataset.InputError as error:
            raise CommandError(f"{path}: {error}", returncode=BAD_INPUT) from None
        except UnicodeDecodeError:
            raise CommandError(f"{path}: not UTF-8 text", returncode=BAD_INPUT) from None
        except OSError as error:
            raise CommandError(
                f"cannot read {path}: {error.strerror}", returncode=BAD_INPUT
            ) from None

    def tag(self, path: Path, out: Path | None, method: str, evidence: bool) -> None:
        lessons = self.read(path, labelled=False)
        results = tagger.tag([lesson.text for lesson in lessons], method, evidence=evidence)
        lines = []
        for lesson, result in zip(lessons, results, strict=True):
            line = {"id": lesson.id, "themes": list(result.themes), "scores": result.scores}
            if evidence:
                line["evidence"] = {
                    s.code: [
                        {"start": e.start, "end": e.end, "quote": e.quote, "source": e.source}
                        for e in s.evidence
                    ]
                    for s in result.suggestions
                }
            lines.append(json.dumps(line, ensure_ascii=False) + "\n")
        if out:
            out.write_text("".join(lines), encoding="utf-8")
        else:
            for line in lines:
                self.stdout.write(line, ending="")

    def evaluate(self, path: Path, method: str) -> None:
        lessons = self.read(path, labelled=True)
        if not lessons:
            raise CommandError(f"{path}: no labelled lines", returncode=BAD_INPUT)
        codes = vocabulary.theme_codes()
        reference = [lesson.themes for lesson in lessons]
        texts = [lesson.text for lesson in lessons]
        predicted = [r.themes for r in tagger.tag(texts, method, evidence=False)]
        figures = agreement.per_code(codes, reference, predicted)
        write = self.stdout.write
        write(
            f"Theme tagger ({method}) against the labels of {len(lessons)} lessons in {path.name}"
            f" (vocabulary {vocabulary.VERSION})"
        )
        write(
            f"{'code':<34}{'support':>8}{'tagged':>8}{'prec.':>8}{'recall':>8}{'F1':>8}{'kappa':>8}"
        )
        for f in figures:
            one = agreement.kappa([f.code], reference, predicted)
            write(
                f"{f.code:<34}{f.support:>8}{f.predicted:>8}{f.precision:>8.3f}"
                f"{f.recall:>8.3f}{f.f1:>8.3f}{_kappa(one):>8}"
            )
        goal_codes = set(vocabulary.theme_codes(vocabulary.PRACTICE, vocabulary.FAMILY_RISK))
        write(f"Macro F1, all themes: {agreement.macro_f1(figures):.3f}")
        write(
            "Macro F1, practice issues and family risks: "
            f"{agreement.macro_f1(f for f in figures if f.code in goal_codes):.3f}"
            " (goal in QUALITY.md: 0.85 on lessons never seen)"
        )
        overall = agreement.kappa(codes, reference, predicted)
        write(f"Cohen's kappa, model against the labels: {_kappa(overall)}")
        self.coders(lessons, codes, predicted)
        trained = {lesson.text for lesson in dataset.training()}
        seen = sum(lesson.text in trained for lesson in lessons)
        if seen:
            write(
                f"Note: {seen} of these lessons are in the training set; "
                "figures on them do not measure lessons never seen."
            )

    def coders(self, lessons, codes, predicted) -> None:
        names = sorted({name for lesson in lessons for name in lesson.coders})
        for i, a in enumerate(names):
            for b in names[i + 1 :]:
                both = [lesson for lesson in lessons if a in lesson.coders and b in lesson.coders]
                value = agreement.kappa(
                    codes, [x.coders[a] for x in both], [x.coders[b] for x in both]
                )
                self.stdout.write(
                    f"Cohen's kappa, coder {a} against coder {b}: {_kappa(value)}"
                    f" ({len(both)} lessons)"
                )
        for name in names:
            pairs = [
                (p, x.coders[name])
                for x, p in zip(lessons, predicted, strict=True)
                if name in x.coders
            ]
            value = agreement.kappa(codes, [p for p, _ in pairs], [c for _, c in pairs])
            self.stdout.write(
                f"Cohen's kappa, model against coder {name}: {_kappa(value)} ({len(pairs)} lessons)"
            )
