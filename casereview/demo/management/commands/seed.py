"""`casereview seed --scale demo|board|national`: load synthetic data (see casereview.demo)."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandParser

from casereview.demo import generator
from casereview.demo.boards import DEMO_BOARD, DEMO_PASSWORD


class ProgressBar:
    """A plain progress bar on stderr: redrawn in place on a terminal, a line per tenth
    otherwise (logs, CI)."""

    def __init__(self, stream, width: int = 30):
        self.stream = stream
        self.width = width
        self.tty = stream.isatty()
        self.last: tuple[str, int] | None = None
        self.started = time.monotonic()

    def __call__(self, label: str, done: int, total: int) -> None:
        total = max(total, 1)
        tenth = done * 10 // total
        if not self.tty and self.last == (label, tenth) and done < total:
            return
        self.last = (label, tenth)
        filled = self.width * done // total
        bar = "#" * filled + "-" * (self.width - filled)
        elapsed = time.monotonic() - self.started
        line = f"{label:<14} [{bar}] {done:>7,}/{total:,} {100 * done // total:>3}% {elapsed:6.1f}s"
        if self.tty:
            end = "\n" if done >= total else ""
            self.stream.write("\r" + line, style_func=str, ending=end)
            self.stream.flush()
        else:
            self.stream.write(line, style_func=str)


class Command(BaseCommand):
    help = (
        "Load synthetic, clearly fictional data. demo: the Eastbrook board (40 notifications, "
        "about 15 reviews) and the Westmoor board (10 notifications) with the demo logins, "
        "written through the real services with audit events. board: one board (Eastbrook) "
        "with 40 reviews out of about 120 notifications. national: 150 boards, 600 agencies, "
        "3,000 users, 20,000 notifications and 3,000 reviews, bulk-loaded without audit events "
        "(for a fresh database). Chronology entries, review recommendations and actions and "
        "published summaries belong to later features and are not generated yet. Does "
        "nothing if seeded data is already present (the demo board exists)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", choices=generator.SCALES, default="demo")
        parser.add_argument(
            "--seed", type=int, default=1, help="Random seed: the same seed gives the same data"
        )

    def handle(self, *args, scale: str, seed: int, **options) -> None:
        if generator.already_loaded():
            if scale == "demo":
                self.stdout.write("demo data already loaded")
            else:
                self.stdout.write(
                    f"{scale} data not loaded: seeded data is already loaded (board "
                    f"'{DEMO_BOARD}' exists); use an empty database"
                )
            return
        started = time.monotonic()
        result = generator.seed(scale, seed=seed, progress=ProgressBar(self.stderr))
        elapsed = time.monotonic() - started
        self.stdout.write(f"Loaded the {scale} data set (seed {seed}) in {elapsed:.1f}s")
        self.stdout.write("")
        width = max(len(k) for k in result.counts)
        for key, value in result.counts.items():
            self.stdout.write(f"  {key:<{width}}  {value:>9,}")
        if result.logins:
            self.stdout.write("")
            self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
            widths = [max(len(row[i]) for row in result.logins) for i in range(3)]
            for username, name, role, board in result.logins:
                self.stdout.write(
                    f"  {username:<{widths[0]}}  {name:<{widths[1]}}  {role:<{widths[2]}}  {board}"
                )
            self.stdout.write(
                "Every account has a confirmed authenticator (TOTP) device: the "
                "second-factor page shows the current code when CASEREVIEW_DEMO=1."
            )
