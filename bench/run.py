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

import bench

# name -> module; each module has NAME, TITLE, GOAL, run(datasets) and table(results).
BENCHMARKS = {
    "compliance_evaluation": "bench.compliance_evaluation",
    "compliance_kept": "bench.compliance_kept",
}
RESULTS = bench.VAR / "results.json"


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


def _save(results: list[dict]) -> None:
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
    args = parser.parse_args(argv)

    names = [args.only] if args.only else list(BENCHMARKS)
    try:
        datasets = bench.datasets(args.scale, rebuild=args.rebuild)
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
        _save(results)
        print()
        print("Summary")
        print("\n".join(_summary(results)))
        print(f"\nWritten to {RESULTS.relative_to(bench.ROOT)}")
    if failed:
        return 2
    return 1 if any(r["verdict"] == "FAIL" for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
