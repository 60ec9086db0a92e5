"""`casereview anonymise` and `casereview check-wording`, run as commands."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

REGISTER = {
    "register": [
        {"kind": "person", "value": "Jayden Smith", "role": "child", "aliases": ["Jay"]},
        {"kind": "dob", "value": "2019-03-14", "role": "child", "aliases": []},
    ]
}


@pytest.fixture
def files(tmp_path):
    register = tmp_path / "register.json"
    register.write_text(json.dumps(REGISTER))
    text = tmp_path / "input.txt"
    text.write_text(
        "Jay’s uncle Marcus Obi said Jayden was born on 14/03/2019.\n", encoding="utf-8"
    )
    return register, text


def anonymise(*args):
    from io import StringIO

    out, err = StringIO(), StringIO()
    call_command("anonymise", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue().splitlines()


def test_the_anonymised_text_on_stdout_and_each_replacement_and_suggestion_on_stderr(files):
    register, text = files
    out, err = anonymise("--register", str(register), str(text))
    assert out == "Child A’s uncle Marcus Obi said Child A was born on [date of birth].\n"
    assert err == [
        "replaced person: Jay’s -> Child A’s",
        "replaced person: Jayden -> Child A",
        "replaced dob: 14/03/2019 -> [date of birth]",
        "suggested name (not on the register, please check): Marcus Obi",
    ]


def test_suggestions_can_be_left_out(files):
    register, text = files
    _, err = anonymise("--register", str(register), str(text), "--no-suggestions")
    assert not any(line.startswith("suggested") for line in err)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "is not valid JSON"),
        ('{"register": [{"kind": "pet", "value": "Rex"}]}', "kind must be one of"),
        ('{"people": []}', 'a "register" list'),
    ],
)
def test_a_bad_register_exits_2_with_its_reason(files, content, message):
    register, text = files
    register.write_text(content)
    with pytest.raises(CommandError, match=message) as raised:
        anonymise("--register", str(register), str(text))
    assert raised.value.returncode == 2


def test_an_unreadable_input_exits_2(files, tmp_path):
    register, _ = files
    binary = tmp_path / "input.bin"
    binary.write_bytes(b"\xff\xfe\x00bad")
    for path, message in ((tmp_path / "missing.txt", "cannot read"), (binary, "not UTF-8")):
        with pytest.raises(CommandError, match=message) as raised:
            anonymise("--register", str(register), str(path))
        assert raised.value.returncode == 2


def test_the_command_line_exit_statuses(files, tmp_path):
    import subprocess
    import sys

    register, text = files
    ok = subprocess.run(
        [
            sys.executable,
            "-m",
            "casereview",
            "anonymise",
            "--register",
            str(register),
            str(text),
            "--no-suggestions",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (ok.returncode, ok.stdout) == (
        0,
        "Child A’s uncle Marcus Obi said Child A was born on [date of birth].\n",
    )
    register.write_text("[]")
    bad = subprocess.run(
        [sys.executable, "-m", "casereview", "anonymise", "--register", str(register), str(text)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 2
    assert 'the register must be an object with a "register" list' in bad.stderr
    assert bad.stdout == ""


def test_check_wording_lists_each_finding_with_the_clause(tmp_path, capsys):
    draft = tmp_path / "draft.txt"
    draft.write_text("The plan was reviewed.\nMs Carter failed to visit; the GP was negligent.\n")
    with pytest.raises(SystemExit) as raised:
        call_command("check-wording", str(draft))
    assert raised.value.code == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(
        'line 2: "Ms Carter failed to" (failed to (a named individual), 19.2); suggest: '
    )
    assert lines[1].startswith('line 2: "negligent" (negligent, 19.2); suggest: ')
    assert "not an inquiry into culpability (19.2)" in lines[2]


def test_check_wording_is_quiet_and_exits_0_on_neutral_text(tmp_path, capsys):
    draft = tmp_path / "draft.txt"
    draft.write_text("The visit did not take place because the car was not available.\n")
    call_command("check-wording", str(draft))
    assert capsys.readouterr().out == ""
