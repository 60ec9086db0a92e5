"""`casereview themes tag` and `casereview themes evaluate`: their formats and exit codes."""

import json
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

from casereview.learning import vocabulary
from casereview.national.themes import dataset, tagger


def write(path, *lines):
    path.write_text("".join(line if isinstance(line, str) else json.dumps(line) for line in lines))
    return path


def run(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command("themes", *map(str, args), stdout=out)
    return out.getvalue()


def test_tag_writes_one_line_per_lesson_with_themes_and_scores(tmp_path):
    source = write(
        tmp_path / "in.jsonl",
        {"id": 7, "text": "The mother was sixteen and her partner was violent to her."},
        "\n\n",
        {"id": "b-2", "text": "Minutes of the meeting were never written up."},
        "\n",
    )
    lines = [json.loads(line) for line in run("tag", source).splitlines()]
    assert [line["id"] for line in lines] == [7, "b-2"]
    for line in lines:
        assert set(line) == {"id", "themes", "scores"}
        assert set(line["scores"]) == set(vocabulary.theme_codes())
        assert all(0 <= p <= 1 for p in line["scores"].values())
        assert line["themes"] == [
            c for c in vocabulary.theme_codes() if line["scores"][c] >= tagger.THRESHOLD
        ]
    assert {"young_parents", "domestic_abuse"} <= set(lines[0]["themes"])
    assert "recording" in lines[1]["themes"]


def test_tag_of_an_empty_file_writes_nothing(tmp_path):
    assert run("tag", write(tmp_path / "empty.jsonl", "\n")) == ""


def test_tag_to_a_file_with_evidence(tmp_path):
    text = "Nobody asked the child what she wanted."
    source = write(tmp_path / "in.jsonl", {"id": "x", "text": text})
    out = tmp_path / "out.jsonl"
    assert run("tag", source, "--out", out, "--evidence") == ""
    (line,) = [json.loads(x) for x in out.read_text().splitlines()]
    assert "voice_of_child" in line["themes"]
    for code, spans in line["evidence"].items():
        assert code in line["themes"]
        assert all(text[s["start"] : s["end"]] == s["quote"] for s in spans)


@pytest.mark.parametrize(
    "lines, labelled, problem",
    [
        (['{"id": 1, "text": "fine"}\n', "{not json\n"], False, "line 2: not valid JSON"),
        (['["a list"]\n'], False, "line 1: each line must be a JSON object"),
        (['{"text": "no id"}\n'], False, 'line 1: missing "id"'),
        (["\n", '{"id": 1, "text": ""}\n'], False, 'line 2: missing "text"'),
        (['{"id": 1, "text": "a"}\n'], True, 'line 1: missing "themes"'),
        (['{"id": 1, "text": "a", "themes": ["not_a_code"]}\n'], True, "unknown theme code"),
        (['{"id": 1, "text": "a", "themes": "neglect"}\n'], True, "must be a list"),
        (['{"id": 1, "text": "a", "coders": {"a": ["neglect"], "b": "x"}}\n'], True, "coders.b"),
    ],
)
def test_bad_input_stops_with_exit_code_2_and_the_line(tmp_path, lines, labelled, problem):
    source = write(tmp_path / "bad.jsonl", *lines)
    with pytest.raises(CommandError) as error:
        run("evaluate" if labelled else "tag", source)
    assert error.value.returncode == 2
    assert problem in str(error.value)


def test_a_missing_or_empty_file_is_bad_input_too(tmp_path):
    with pytest.raises(CommandError) as error:
        run("tag", tmp_path / "nowhere.jsonl")
    assert error.value.returncode == 2
    with pytest.raises(CommandError) as error:
        run("evaluate", write(tmp_path / "empty.jsonl", "\n"))
    assert error.value.returncode == 2


def test_the_console_command_exits_2(tmp_path):
    source = write(tmp_path / "bad.jsonl", '{"id": 1, "text": "a"}\n', "oops\n")
    done = subprocess.run(
        [sys.executable, "-m", "casereview", "themes", "tag", str(source)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert "line 2: not valid JSON" in done.stderr


def test_evaluate_prints_per_code_figures_macro_f1_and_kappa_on_the_held_out_set():
    output = run("evaluate", dataset.HELD_OUT)
    for code in vocabulary.theme_codes():
        assert any(
            line.split()[:1] == [code] and len(line.split()) == 7 for line in output.splitlines()
        )
    assert "Macro F1, all themes: " in output
    assert "Macro F1, practice issues and family risks: 0.545" in output
    assert "Cohen's kappa, model against the labels: 0.535" in output
    assert "in the training set" not in output


def test_evaluate_warns_when_the_lessons_were_trained_on(tmp_path):
    first = dataset.TRAIN.read_text().splitlines()[0]
    output = run("evaluate", write(tmp_path / "seen.jsonl", first + "\n"))
    assert "Note: 1 of these lessons are in the training set" in output


def test_evaluate_reports_kappa_between_coders(tmp_path):
    # Coders a and b over 4 lessons x 23 codes = 92 decisions: they agree on every code but
    # neglect in lessons 2 and 3 (a says yes, b no) => agreement 90/92; a says yes 4 times,
    # b twice: pa = 4/92, pb = 2/92, pe = pa·pb + (1-pa)(1-pb) = (8 + 88·90)/92²;
    # kappa = (90/92 - pe) / (1 - pe) = (90·92 - 7928) / (92² - 7928) = 352 / 536 = 0.657.
    lessons = [
        ("The house was filthy and the child was hungry.", ["neglect"], ["neglect"]),
        ("The children were unwashed.", ["neglect"], []),
        ("There was no food in the flat.", ["neglect"], []),
        ("Dad drank every day.", ["parental_substance_misuse"], ["parental_substance_misuse"]),
    ]
    source = write(
        tmp_path / "coded.jsonl",
        *(
            json.dumps({"id": n, "text": t, "coders": {"a": a, "b": b}}) + "\n"
            for n, (t, a, b) in enumerate(lessons)
        ),
    )
    output = run("evaluate", source)
    assert "Cohen's kappa, coder a against coder b: 0.657 (4 lessons)" in output
    assert "Cohen's kappa, model against coder a: " in output
    assert "Cohen's kappa, model against coder b: " in output
    # Without "themes", the reference is what both coders chose: neglect in lesson 0 only.
    assert any(line.split()[:2] == ["neglect", "1"] for line in output.splitlines())
