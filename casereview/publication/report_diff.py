"""A readable difference between two versions of a report, section by section: words
added and removed (difflib), for the page to mark up as <ins> and <del>."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

SAME, ADDED, REMOVED = "same", "added", "removed"

# Words with the white space after them, so that joining the pieces gives the text back.
_TOKENS = re.compile(r"\S+\s*|\s+")


@dataclass
class SectionDiff:
    key: str
    title: str
    # (kind, text) pieces in reading order.
    pieces: list[tuple[str, str]] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(kind != SAME for kind, _ in self.pieces)


def _words(text: str) -> list[str]:
    return _TOKENS.findall(text or "")


def diff_text(old: str, new: str) -> list[tuple[str, str]]:
    a, b = _words(old), _words(new)
    pieces: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append((SAME, "".join(a[i1:i2])))
            continue
        if i2 > i1:
            pieces.append((REMOVED, "".join(a[i1:i2])))
        if j2 > j1:
            pieces.append((ADDED, "".join(b[j1:j2])))
    return pieces


def diff_versions(old: list[dict], new: list[dict]) -> list[SectionDiff]:
    """Every section of either version, in the newer one's order (sections only in the
    older one after them)."""
    before = {s["key"]: s for s in old}
    after = {s["key"]: s for s in new}
    keys = [s["key"] for s in new] + [s["key"] for s in old if s["key"] not in after]
    out = []
    for key in keys:
        a, b = before.get(key), after.get(key)
        title = (b or a)["title"]
        out.append(
            SectionDiff(key, title, diff_text(a["text"] if a else "", b["text"] if b else ""))
        )
    return out
