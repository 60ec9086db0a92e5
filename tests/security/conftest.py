"""The hostile-uploads run prints one line at the end of the session (read by `make
security`): how many files were sent, how many refused, stored as-is, and errors."""

from __future__ import annotations

from tests.security import outcomes


def pytest_terminal_summary(terminalreporter):
    line = outcomes.summary()
    if line:
        terminalreporter.write_line(line)
