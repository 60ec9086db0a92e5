"""A lint: views never query case models directly. A case model's manager may appear in a
view module only as an argument of the access helpers (get_for, list_for), inside a
Prefetch (filtered by already-scoped rows), or in a chain through `.visible_to(`."""

import ast
from pathlib import Path

from django.apps import apps

ROOT = Path(__file__).resolve().parent.parent / "casereview"
HELPERS = {"get_for", "list_for", "Prefetch"}


def case_models() -> set[str]:
    return {
        m.__name__
        for m in apps.get_models()
        if m._meta.app_label in {"cases", "reviews", "documents"}
    }


def view_modules() -> list[Path]:
    return sorted(
        p for p in ROOT.rglob("*.py") if p.name == "views.py" or p.name.endswith("_views.py")
    )


def _call_name(node: ast.Call) -> str | None:
    func = node.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def violations(source: str, models: set[str]) -> list[int]:
    tree = ast.parse(source)
    parents = {}
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            parents[child] = node
    found = []
    for node in ast.walk(tree):
        if not (
            isinstance(node, ast.Attribute)
            and node.attr == "objects"
            and isinstance(node.value, ast.Name)
            and node.value.id in models
        ):
            continue
        allowed = False
        current = node
        while current in parents:
            parent = parents[current]
            if isinstance(parent, ast.Attribute) and parent.attr == "visible_to":
                allowed = True
                break
            if (
                isinstance(parent, ast.Call)
                and (current in parent.args or current in parent.keywords)
                and _call_name(parent) in HELPERS
            ):
                allowed = True
                break
            if isinstance(parent, (ast.stmt,)):
                break
            current = parent
        if not allowed:
            found.append(node.lineno)
    return found


def test_views_reach_case_models_only_through_the_access_helpers():
    models = case_models()
    problems = []
    for path in view_modules():
        for line in violations(path.read_text(), models):
            problems.append(f"{path.relative_to(ROOT.parent)}:{line}")
    assert not problems, "Case models queried outside the access helpers: " + ", ".join(problems)


def test_the_lint_catches_a_direct_query():
    bad = "def v(request, pk):\n    return Notification.objects.get(pk=pk)\n"
    good = (
        "def v(request, pk):\n"
        "    a = get_for(request, Notification.objects.select_related('board'), pk)\n"
        "    b = Prefetch('n', queryset=Notification.objects.all())\n"
        "    return Notification.objects.visible_to(request.user).count()\n"
    )
    assert violations(bad, {"Notification"}) == [2]
    assert violations(good, {"Notification"}) == []
