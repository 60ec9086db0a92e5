"""Browser journeys: Debian chromium driven by Playwright against pytest-django's live server.

Every page a journey visits is screenshotted to test-artifacts/e2e/, checked with axe-core
for WCAG 2.2 AA and checked for Content-Security-Policy violations in the console.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
MISSING_BROWSER = "Debian chromium is not installed: apt-get install chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
AXE = ROOT / "frontend" / "node_modules" / "axe-core" / "axe.min.js"
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
    },
    "resultTypes": ["violations"],
}
ARTIFACTS = ROOT / "test-artifacts" / "e2e"
CSP_MESSAGE = re.compile(r"Content[ -]Security[ -]Policy", re.IGNORECASE)


@pytest.fixture(scope="module")
def browser():
    """One chromium for the module; closed afterwards so that its event loop stops."""
    if not CHROMIUM.exists():
        if os.environ.get("CASEREVIEW_REQUIRE_BROWSER") == "1":
            pytest.fail(MISSING_BROWSER)
        pytest.skip(MISSING_BROWSER)
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as patch:
        # Playwright's sync API runs an event loop in this thread, so Django's ORM would refuse
        # to run in the tests (and in the live server's shared in-memory database). Only while
        # the browser is open: the rest of the test session keeps Django's check.
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
            )
            try:
                yield chromium
            finally:
                chromium.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: cd frontend && npm ci")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


def format_violations(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v.get('impact')}): {v['help']} <{v.get('helpUrl', '')}>")
        for node in v["nodes"]:
            lines.append(f"    {json.dumps(node['target'])}: {node.get('failureSummary', '')}")
    return "\n".join(lines)


@dataclass
class Tab:
    """A page of one browser context that records what a person would not see: console
    CSP violations, uncaught script errors and each document's CSP header."""

    page: object
    axe_source: str
    artifacts: Path
    javascript: bool = True
    csp_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    documents_without_csp: list[str] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)

    def __post_init__(self):
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.page_errors.append(str(error)))
        self.page.on("response", self._response)

    def _console(self, message) -> None:
        if CSP_MESSAGE.search(message.text):
            self.csp_errors.append(f"{message.type}: {message.text} ({self.page.url})")

    def _response(self, response) -> None:
        html = response.headers.get("content-type", "").startswith("text/html")
        redirect = 300 <= response.status < 400
        if response.request.resource_type == "document" and html and not redirect:
            csp = response.headers.get("content-security-policy", "")
            if "script-src 'self' 'nonce-" not in csp:
                self.documents_without_csp.append(f"{response.status} {response.url}")

    def check(self, name: str) -> None:
        """Screenshot the page, run axe-core on it and assert it is clean."""
        page = self.page
        page.wait_for_load_state("load")
        number = len(list(self.artifacts.glob("*.png"))) + 1
        page.screenshot(path=self.artifacts / f"{number:02d}-{name}.png", full_page=True)
        self.checked.append(name)
        assert not self.documents_without_csp, self.documents_without_csp
        if self.javascript:
            if not page.evaluate("typeof window.axe !== 'undefined'"):
                # Through DevTools, so the page's script-src does not apply (no bypass_csp).
                page.evaluate(self.axe_source)
            results = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
            violations = results["violations"]
            assert not violations, (
                f"axe found {len(violations)} WCAG violation(s) on {name} ({page.url}):\n"
                + format_violations(violations)
            )
        assert not self.csp_errors, f"CSP violations on {name}:\n" + "\n".join(self.csp_errors)
        assert not self.page_errors, f"Script errors on {name}:\n" + "\n".join(self.page_errors)


@pytest.fixture
def open_tab(browser, axe_source, artifacts):
    """open_tab(javascript=True) -> a Tab in a fresh browser context (its own cookies)."""
    contexts = []

    def open_(javascript: bool = True) -> Tab:
        context = browser.new_context(
            java_script_enabled=javascript, viewport={"width": 1024, "height": 768}
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        return Tab(context.new_page(), axe_source, artifacts, javascript=javascript)

    yield open_
    for context in contexts:
        context.close()


@pytest.fixture(scope="session", autouse=True)
def _clean_artifacts():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTIFACTS.glob("*.png"):
        old.unlink()
