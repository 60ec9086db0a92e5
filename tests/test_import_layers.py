"""`make lint` fails on an upward import: the real contracts of pyproject.toml, run by
import-linter over a copy of the code into which one wrong import is written (issue 7)."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# What `make lint` runs; in a fresh interpreter so that the copy, not the imported tree, is read.
LINT = (
    "import sys; from importlinter.cli import lint_imports; sys.exit(lint_imports(no_cache=True))"
)


@pytest.fixture
def copy(tmp_path) -> Path:
    """The Python files of the project and its contracts, as import-linter reads them."""
    keep_python = shutil.ignore_patterns("__pycache__", "templates", "static", "*.html", "*.toml")
    for package in ("casereview", "tests"):
        shutil.copytree(ROOT / package, tmp_path / package, ignore=keep_python)
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def lint(where: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", LINT], cwd=where, capture_output=True, text=True, timeout=60
    )


def test_the_project_keeps_its_contracts(copy):
    result = lint(copy)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "line", "broken"),
    [
        (
            "casereview/accounts/upward.py",
            "import casereview.reviews.models",
            "casereview.accounts is not allowed to import casereview.reviews",
        ),
        (
            "casereview/cases/upward.py",
            "from casereview.reviews import services",
            "casereview.cases is not allowed to import casereview.reviews",
        ),
        (
            "casereview/procedure/upward.py",
            "from casereview.cases import models",
            "The procedure engine imports no domain app (ARCHITECTURE.md, Procedure engine) BROKEN",
        ),
        (
            "casereview/lib/upward.py",
            "import conftest",
            "Code never imports test modules (issue 7) BROKEN",
        ),
        (
            "casereview/cases/upward.py",
            "from casereview.cases.tests import test_decision",
            "Code never imports test modules (issue 7) BROKEN",
        ),
        (
            "casereview/accounts/tests/test_upward.py",
            "from casereview.cases import models",
            "casereview.accounts is not allowed to import casereview.cases",
        ),
        (
            # The circle models -> querysets -> permissions -> models, untied in issue 7.
            "casereview/accounts/permissions.py",
            "from . import models",
            "The accounts modules import each other without circles (issue 7) BROKEN",
        ),
    ],
    ids=[
        "accounts-to-reviews",
        "cases-to-reviews",
        "procedure-to-cases",
        "code-to-conftest",
        "code-to-tests",
        "a-test-upwards",
        "accounts-circle",
    ],
)
def test_a_wrong_import_fails_the_lint(copy, module, line, broken):
    with (copy / module).open("a") as source:  # a new module, or a line added to one
        source.write(f"\n{line}\n")
    result = lint(copy)
    assert result.returncode == 1, result.stdout + result.stderr
    assert broken in " ".join(result.stdout.split()), result.stdout


def _test_module_imports(path: Path) -> list[str]:
    import ast

    names = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.append(("." * node.level) + node.module)
        elif isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
    return names


def test_no_test_module_imports_another():
    """Shared test helpers live in conftest.py, tests/matrix.py or a tests/helpers.py, so a
    test file can be read, moved or deleted on its own (issue 7). import-linter cannot say
    this: its wildcards replace whole module names, not `test_*`."""
    offenders = [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in [*ROOT.glob("tests/**/test_*.py"), *ROOT.glob("casereview/**/test_*.py")]
        for name in _test_module_imports(path)
        if name.rsplit(".", 1)[-1].startswith("test_")
    ]
    assert offenders == []
