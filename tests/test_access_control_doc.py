"""docs/access-control.md shows the permission table: its list of actions and its table of
a review's sections are compared with ACTIONS both ways."""

from __future__ import annotations

import re
from pathlib import Path

from casereview.accounts.permissions import ACTIONS, PARTNER_READER, SECTION_ACTIONS
from casereview.accounts.roles import Role
from casereview.reviews.sections import SECTION_TITLES

DOC = Path(__file__).resolve().parent.parent / "docs" / "access-control.md"
# How the document names each role.
ROLE_NAMES = {
    "board manager": Role.BOARD_MANAGER,
    "board chair": Role.BOARD_CHAIR,
    "panel chair": Role.PANEL_CHAIR,
    "panel member": Role.PANEL_MEMBER,
    "auditor": Role.AUDITOR,
    "agency author": Role.AGENCY_AUTHOR,
    "overview author": Role.INDEPENDENT_AUTHOR,
    "independent expert": Role.INDEPENDENT_EXPERT,
    "partner board": PARTNER_READER,
    "administrator": Role.ADMINISTRATOR,
    "national analyst": Role.NATIONAL_ANALYST,
}


def _rows(header_start: str) -> list[list[str]]:
    """The rows of the table whose header begins with `header_start`, as cells."""
    lines = DOC.read_text().splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(header_start))
    rows = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    return rows


def _roles(cell: str) -> set[str]:
    if cell == "every role of the board":
        return set(Role.values)
    names = [re.sub(r"\s*\(.*\)$", "", name.strip()) for name in cell.split(",")]
    return {ROLE_NAMES[name] for name in names}


def documented_actions() -> dict[str, set[str]]:
    return {row[0].strip("`"): _roles(row[1]) for row in _rows("| action | roles |")[2:]}


def test_the_list_of_actions_is_the_permission_table():
    documented = documented_actions()
    assert set(documented) == set(ACTIONS)
    for action, roles in ACTIONS.items():
        assert documented[action] == set(roles), action


def test_the_section_table_shows_who_reads_and_who_acts_in_each_section():
    header, _, *rows = _rows("| section | read |")
    role_columns = [ROLE_NAMES[name] for name in header[2:-1]]
    assert {row[1].strip("`") for row in rows} == set(SECTION_ACTIONS)
    for row in rows:
        read = row[1].strip("`")
        acting = [a.strip().strip("`") for a in row[-1].split(",") if a.strip() != "—"]
        assert all(a in ACTIONS for a in acting), row[0]
        actors = set().union(*(ACTIONS[a] for a in acting))
        for role, cell in zip(role_columns, row[2:-1], strict=True):
            assert (cell != "—") == (role in ACTIONS[read]), f"{row[0]}: {role}"
            assert ("act" in cell.split(", ")) == (role in actors), f"{row[0]}: {role} acts"


def test_every_section_has_a_title_to_share_it_by():
    assert set(SECTION_TITLES) == set(SECTION_ACTIONS)
