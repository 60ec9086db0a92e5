"""Run the benchmarks: `python -m bench.run [--only NAME] [--scale national|board]`.

Builds (or reuses) the data set of the scale, runs each benchmark against SQLite and, when
DATABASE_URL is set, PostgreSQL, prints a table and writes var/bench/results.json.
Exit status: 0 when every goal is met, 1 when one is missed, 2 when a benchmark could
not run.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import platform
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import bench

# name -> module; each module has NAME, TITLE, GOAL, run(datasets) and table(results).
BENCHMARKS = {
    "compliance_evaluation": "bench.compliance_evaluation",
    "pages": "bench.pages",
    "compliance_kept": "bench.compliance_kept",
    "anonymiser": "bench.anonymiser",
    "chronology_import": "bench.chronology_import",
    "chronology_merge": "bench.chronology_merge",
    "search": "bench.search",
}
# The benchmarks of issue 15 whose feature does not exist yet: listed in every run's output
# and in bench/RESULTS.md as "not built yet" rather than left out.
NOT_BUILT: tuple[tuple[str, str], ...] = ()
RESULTS = bench.VAR / "results.json"
RESULTS_MD = bench.ROOT / "bench" / "RESULTS.md"
BEGIN = "<!-- bench:begin (written by `make bench`; edit outside these markers) -->"
END = "<!-- bench:end -->"


def _commit() -> str:
    """The commit measured, with '+changes' when the working tree differs from it."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607
            cwd=bench.ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],  # noqa: S607
            cwd=bench.ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + ("+changes" if dirty else "")


def _save(results: list[dict]) -> list[dict]:
    """Merge into results.json: this run's results replace earlier ones of the same
    benchmark, backend and scale."""

    def key(r: dict) -> tuple:
        return (r["benchmark"], r["dataset"]["backend"], r["dataset"]["scale"])

    kept: list[dict] = []
    if RESULTS.exists():
        try:
            kept = json.loads(RESULTS.read_text()).get("results", [])
        except (ValueError, AttributeError):
            kept = []
    measured_at = datetime.now(UTC).isoformat(timespec="seconds")
    for r in results:
        r.setdefault("measured_at", measured_at)
    fresh = {key(r) for r in results}
    merged = [r for r in kept if key(r) not in fresh] + results
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "updated_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "commit": _commit(),
                "machine": {
                    "python": platform.python_version(),
                    "platform": platform.platform(),
                    "cpus": os.cpu_count(),
                },
                "results": merged,
            },
            indent=2,
            ensure_ascii=False,
        )
        + "\n"
    )
    return merged


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _databases(results: list[dict]) -> str:
    """The databases of the results: SQLite's library version, PostgreSQL's server version."""
    import sqlite3

    found = []
    backends = {r["dataset"]["backend"] for r in results}
    if "sqlite" in backends:
        found.append(f"SQLite {sqlite3.sqlite_version}")
    if "postgresql" in backends:
        version = "version unknown"
        url = os.environ.get("DATABASE_URL", "")
        import psycopg

        try:
            with psycopg.connect(url, connect_timeout=5) as connection:
                version = connection.execute("SHOW server_version").fetchone()[0]
        except psycopg.Error as error:  # the version is context only
            bench.log(f"bench: PostgreSQL's version not read: {error}")
        found.append(f"PostgreSQL {version}")
    return ", ".join(found) or "none"


def _markdown(results: list[dict]) -> str:
    """The generated section of bench/RESULTS.md: the machine and the summary table."""
    now = datetime.now(UTC)
    lines = [
        BEGIN,
        "",
        f"## Benchmarks (`make bench`), written {now:%Y-%m-%d %H:%M} UTC at commit {_commit()}",
        "",
        f"Machine: {os.cpu_count()} CPUs ({_cpu_model()}), Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}; databases: {_databases(results)}. "
        "Each row is the latest run of that benchmark, backend and scale "
        "(`var/bench/results.json`); the floor is measured in the same run.",
        "",
        "| benchmark | backend | scale | measured (UTC) | figure | floor | ratio | goal "
        "| verdict |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in sorted(
        results, key=lambda r: (r["dataset"]["scale"], r["benchmark"], r["dataset"]["backend"])
    ):
        title = r["benchmark"]
        if r.get("title") and r["benchmark"].startswith("page:"):
            title = f"page: {r['title']}"
        when = r.get("measured_at", "")[:16].replace("T", " ")
        lines.append(
            f"| {title} | {r['dataset']['backend']} | {r['dataset']['scale']} | {when} "
            f"| {r['figure']} | {r['floor_figure']} | {r['ratio']:.1f} × | {r['goal']} "
            f"| {r['verdict']} |"
        )
    for name, goal in NOT_BUILT:
        lines.append(f"| {name} | | | | | | | {goal} | not built yet |")
    lines += ["", END]
    return "\n".join(lines)


def _write_markdown(results: list[dict]) -> None:
    """Replace the generated section of bench/RESULTS.md (appended the first time), keeping
    the hand-written text around it."""
    text = RESULTS_MD.read_text() if RESULTS_MD.exists() else "# Measured results\n"
    section = _markdown(results)
    if BEGIN in text and END in text:
        before, rest = text.split(BEGIN, 1)
        after = rest.split(END, 1)[1]
        text = before + section + after
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    RESULTS_MD.write_text(text)


def _summary(results: list[dict]) -> list[str]:
    head = ("benchmark", "backend", "scale", "figure", "floor", "ratio", "goal", "verdict")
    rows = [head] + [
        (
            r["benchmark"],
            r["dataset"]["backend"],
            r["dataset"]["scale"],
            r["figure"],
            r["floor_figure"],
            f"{r['ratio']:.1f} ×",
            r["goal"],
            r["verdict"],
        )
        for r in results
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines += [f"{name}: not built yet (goal {goal})" for name, goal in NOT_BUILT]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.run", description="Run the performance benchmarks of QUALITY.md."
    )
    parser.add_argument("--only", choices=sorted(BENCHMARKS), help="run one benchmark")
    parser.add_argument("--scale", choices=bench.SCALES, default="national")
    parser.add_argument(
        "--rebuild", action="store_true", help="rebuild the data set even if it is up to date"
    )
    parser.add_argument(
        "--no-results-md",
        action="store_true",
        help="do not rewrite the generated section of bench/RESULTS.md",
    )
    args = parser.parse_args(argv)

    names = [args.only] if args.only else list(BENCHMARKS)
    # A benchmark with NEEDS_DATA = False (the anonymiser) measures generated text only.
    needs_data = any(
        getattr(importlib.import_module(BENCHMARKS[n]), "NEEDS_DATA", True) for n in names
    )
    try:
        datasets = bench.datasets(args.scale, rebuild=args.rebuild) if needs_data else []
    except bench.BenchError as error:
        print(f"bench: {error}", file=sys.stderr)
        return 2
    for dataset in datasets:
        bench.log(
            f"Data set: {dataset.scale} on {dataset.backend} at {dataset.location} "
            + ("(reused)" if dataset.built_in is None else f"(built in {dataset.built_in:.0f}s)")
        )

    results: list[dict] = []
    failed = False
    for name in names:
        module = importlib.import_module(BENCHMARKS[name])
        try:
            found = module.run(datasets)
        except bench.BenchError as error:
            print(f"bench: {name}: {error}", file=sys.stderr)
            failed = True
            continue
        results.extend(found)
        print()
        print(f"{module.TITLE} (goal {module.GOAL})")
        print("\n".join(module.table(found)))

    if results:
        merged = _save(results)
        print()
        print("Summary")
        print("\n".join(_summary(results)))
        print(f"\nWritten to {RESULTS.relative_to(bench.ROOT)}")
        if not args.no_results_md:
            _write_markdown(merged)
            print(f"Summary table written to {RESULTS_MD.relative_to(bench.ROOT)}")
    if failed:
        return 2
    return 1 if any(r["verdict"] == "FAIL" for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
