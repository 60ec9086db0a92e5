"""What happened to each hostile upload of tests/security/test_hostile_uploads.py."""

from __future__ import annotations

from collections import Counter

# (upload path, file name as sent, outcome): outcome is "refused", "stored safely"
# (under a server-made name, with the sniffed type), "stored as-is" or "error".
SEEN: list[tuple[str, str, str]] = []


def record(path: str, name: str, outcome: str) -> None:
    SEEN.append((path, name, outcome))


def summary() -> str:
    if not SEEN:
        return ""
    counts = Counter(outcome for _, _, outcome in SEEN)
    files = len({name for _, name, _ in SEEN})
    paths = len({path for path, _, _ in SEEN})
    return (
        f"hostile uploads: {files} files through {paths} upload paths ({len(SEEN)} uploads), "
        f"{counts['refused']} refused, {counts['stored safely']} stored under a server-made "
        f"name with the sniffed type, {counts['stored as-is']} stored as-is, "
        f"{counts['error']} errors"
    )
