#!/usr/bin/env python3
"""Known vulnerabilities of the production lock, read from PyPI's project pages.

pip-audit reads `https://pypi.org/pypi/<name>/<version>/json`, which answers 404 from the
development machines, and OSV, which is out of reach from them. The project page,
`https://pypi.org/pypi/<name>/json`, does answer: its `vulnerabilities` list is PyPI's
advisory data (the same data pip-audit's PyPI service reads) for the project's **newest**
release only. So a pin is audited here only when it is that newest release; any other pin
is reported as not audited, never as clean.

    scripts/pypi_advisories.py [requirements.lock]

One line per pin that has a known vulnerability or could not be audited, then a summary.
Exit status: 0 when every pin was audited and none has a known vulnerability; 1 when a
pin has one; 2 when none has one but some pins could not be audited (not the newest
release, or the page could not be read).
"""

from __future__ import annotations

import json
import re
import sys
import urllib.request
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from packaging.utils import canonicalize_name
from packaging.version import Version

PAGE = "https://pypi.org/pypi/{name}/json"
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)")


@dataclass(frozen=True)
class Finding:
    name: str
    pinned: str
    newest: str = ""
    advisories: tuple[str, ...] = ()
    error: str = ""

    @property
    def audited(self) -> bool:
        return not self.error and Version(self.pinned) == Version(self.newest)

    def line(self) -> str:
        if self.error:
            return f"{self.name} {self.pinned}: not audited: {self.error}"
        if self.advisories:
            return f"{self.name} {self.pinned}: KNOWN VULNERABILITY: {', '.join(self.advisories)}"
        return (
            f"{self.name} {self.pinned}: not audited: the newest release is {self.newest}, "
            "and the project page lists advisories for that release only"
        )


def pins(lock_text: str) -> list[tuple[str, str]]:
    """(name, version) of every `name==version` line of a lock file."""
    return [(m[1], m[2]) for line in lock_text.splitlines() if (m := PIN.match(line.strip()))]


def finding(name: str, pinned: str, page: dict) -> Finding:
    """What a project page says of a pin: its advisories when the pin is the newest release
    (withdrawn ones left out), otherwise only the newest release's number."""
    newest = page["info"]["version"]
    advisories: tuple[str, ...] = ()
    if Version(pinned) == Version(newest):
        advisories = tuple(
            v.get("id") or ", ".join(v.get("aliases") or ()) or "unnamed advisory"
            for v in page.get("vulnerabilities") or ()
            if not v.get("withdrawn")
        )
    return Finding(name, pinned, newest, advisories)


def read_page(name: str) -> dict:
    url = PAGE.format(name=canonicalize_name(name))
    with urllib.request.urlopen(url, timeout=30) as answer:  # noqa: S310 (a fixed https URL)
        return json.load(answer)


def audit(
    pinned: Iterable[tuple[str, str]], read: Callable[[str], dict] = read_page
) -> list[Finding]:
    def one(pin: tuple[str, str]) -> Finding:
        name, version = pin
        try:
            return finding(name, version, read(name))
        except (OSError, ValueError, KeyError) as error:
            return Finding(name, version, error=f"the project page could not be read ({error})")

    with ThreadPoolExecutor(8) as pool:
        return list(pool.map(one, pinned))


def verdict(findings: list[Finding]) -> tuple[int, str]:
    vulnerable = [f for f in findings if f.advisories]
    audited = [f for f in findings if f.audited]
    summary = (
        f"{len(findings)} pins, {len(audited)} audited (the newest release), "
        f"{len(findings) - len(audited)} not audited, {len(vulnerable)} with a known vulnerability"
    )
    if vulnerable:
        return 1, f"FAIL: {summary}"
    if len(audited) < len(findings):
        return 2, f"INCOMPLETE: {summary}"
    return 0, f"PASS: {summary}"


def main(argv: list[str]) -> int:
    lock = Path(argv[0] if argv else "requirements.lock")
    findings = audit(pins(lock.read_text()))
    for f in findings:
        if not f.audited or f.advisories:
            print(f.line())
    status, summary = verdict(findings)
    print(summary)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
