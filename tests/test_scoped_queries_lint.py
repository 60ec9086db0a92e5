"""A lint: views never query case models directly. A case model's manager may appear in a
view module only as an argument of the access helpers (get_for, list_for), inside a
Prefetch (filtered by already-scoped rows), or in a chain through `.visible_to(`. The same
holds for related managers that yield guarded rows (`review.professionals`); and views use
neither `get_object_or_404(Model, ...)` nor raw SQL (`.raw(`, `.extra(`, a cursor)."""

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


def guarded_accessors() -> set[str]:
    """Names of related managers whose rows the permission layer guards (the related model
    has `visible_to`): reading through them unscoped skips the layer."""
    guarded = case_models()
    names = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if not (field.one_to_many or field.many_to_many) or field.related_model is None:
                continue
            related = field.related_model
            if related.__name__ not in guarded or not hasattr(related.objects, "visible_to"):
                continue
            names.add(field.get_accessor_name() if field.auto_created else field.name)
    return names


# Calls on a related manager that read rows.
READS = {
    "all",
    "filter",
    "exclude",
    "get",
    "first",
    "last",
    "count",
    "exists",
    "order_by",
    "select_related",
    "prefetch_related",
    "values",
    "values_list",
    "only",
    "defer",
    "annotate",
    "aggregate",
    "iterator",
    "in_bulk",
    "distinct",
}
SHORTCUTS = {"get_object_or_404", "get_list_or_404"}


def view_modules() -> list[Path]:
    return sorted(
        p
        for p in ROOT.rglob("*.py")
        if p.name == "views.py"
        or p.name.endswith("_views.py")
        # The API's operations are views too.
        or (p.parent.name == "endpoints" and p.parent.parent.name == "api")
    )


def _call_name(node: ast.Call) -> str | None:
    func = node.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _scoped_in_chain(node, parents) -> bool:
    """Whether the chain of calls `node` starts goes through `.visible_to(`."""
    current = node
    while current in parents:
        parent = parents[current]
        if isinstance(parent, ast.Attribute) and parent.attr == "visible_to":
            return True
        if isinstance(parent, ast.stmt):
            return False
        current = parent
    return False


def _other_violations(tree, parents, models: set[str], accessors: set[str]) -> list[int]:
    """Related-manager reads outside `.visible_to(`, get_object_or_404 on a case model, and
    raw SQL."""
    found = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and node.attr in accessors
            and not (isinstance(node.value, ast.Name) and node.value.id in models)
            and isinstance(parents.get(node), ast.Attribute)
            and parents[node].attr in READS
            and not _scoped_in_chain(node, parents)
        ):
            found.append(node.lineno)
        elif isinstance(node, ast.Call) and _call_name(node) in SHORTCUTS:
            first = node.args[0] if node.args else None
            if isinstance(first, ast.Name) and first.id in models:
                found.append(node.lineno)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in {"raw", "extra", "cursor"}
        ) or (isinstance(node, ast.Call) and _call_name(node) == "RawSQL"):
            found.append(node.lineno)
    return found


def violations(source: str, models: set[str], accessors: frozenset[str] = frozenset()) -> list[int]:
    tree = ast.parse(source)
    parents = {}
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            parents[child] = node
    found = _other_violations(tree, parents, models, set(accessors))
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
    return sorted(found)


def test_views_reach_case_models_only_through_the_access_helpers():
    models = case_models()
    accessors = frozenset(guarded_accessors())
    problems = []
    for path in view_modules():
        for line in violations(path.read_text(), models, accessors):
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


def test_the_lint_catches_an_unscoped_related_manager():
    accessors = frozenset({"professionals", "family"})
    bad = (
        "def v(request, review):\n"
        "    a = review.professionals.all()\n"
        "    b = review.family.filter(person=1).first()\n"
        "    return review.professionals.select_related('agency').order_by('role')\n"
    )
    good = (
        "def v(request, review):\n"
        "    a = review.professionals.visible_to(request.user, 'section.professionals')\n"
        "    return review.family.visible_to(request.user).filter(person=1).first()\n"
    )
    assert violations(bad, set(), accessors) == [2, 3, 4]
    assert violations(good, set(), accessors) == []


def test_the_lint_catches_get_object_or_404_and_raw_sql():
    bad = (
        "def v(request, pk):\n"
        "    a = get_object_or_404(Notification, pk=pk)\n"
        "    b = Notification.objects.visible_to(request.user).raw('SELECT 1')\n"
        "    c = connection.cursor()\n"
        "    d = Notification.objects.visible_to(request.user).extra(where=['1=1'])\n"
        "    return RawSQL('SELECT 1', [])\n"
    )
    assert violations(bad, {"Notification"}) == [2, 3, 4, 5, 6]


def test_the_related_managers_of_guarded_rows_are_known():
    assert {"professionals", "family_contacts", "meetings", "agency_reports"} <= (
        guarded_accessors()
    )
