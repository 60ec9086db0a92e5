"""`make load`: the load test of QUALITY.md against gunicorn and PostgreSQL on 127.0.0.1.

Creates the scratch database `<DATABASE_URL's name>_load` beside DATABASE_URL (the named one
is never touched), loads the demo board and one account per simulated user, starts gunicorn,
runs tests/load/locustfile.py headless for a bounded time, samples the web workers' memory,
then prints p50/p95/p99 of reads and writes, the errors and the workers' peak RSS.
Exit status 0 when every goal is met, 1 when one is missed."""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

from tests.load import cpu, servers

GOALS = {"read_p95_ms": 300, "write_p95_ms": 800, "worker_rss_mb": 300, "errors": 0}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--spawn-rate", type=float, default=2, help="users signing in per second")
    parser.add_argument(
        "--duration", type=int, default=180, help="seconds measured once all have signed in"
    )
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=1, help="threads per worker")
    options = parser.parse_args()
    if not 1 <= options.users <= 500 or not 10 <= options.duration <= 900:
        parser.error("--users 1..500 and --duration 10..900 seconds")
    url = os.environ.get("DATABASE_URL", "")
    with tempfile.TemporaryDirectory(prefix="casereview-load-") as work:
        work = Path(work)
        database = servers.scratch_database(url, "load")
        env = servers.base_env(DATABASE_URL=database, CASEREVIEW_DATA_DIR=str(work))
        print(f"Preparing the demo board and {options.users} accounts ...", file=sys.stderr)
        servers.prepare(env, options.users)
        log = (work / "gunicorn.log").open("w")
        server = servers.Gunicorn(
            env, servers.free_port(), options.workers, options.threads, log=log
        ).start()
        try:
            server.wait_listening()
            results_file = work / "results.json"
            # A bound only: the locustfile ends the run `duration` seconds after the last
            # user is ready, however long the queue of sign-ins took to clear.
            run_time = 2 * int(options.users / options.spawn_rate) + options.duration + 120
            database_name = urlsplit(database).path.strip("/")
            with servers.PeakMemory([server]) as memory, cpu.CpuUse([server], database_name) as use:
                started = time.monotonic()
                locust = subprocess.run(
                    [
                        str(Path(sys.executable).with_name("locust")),
                        "-f", str(servers.ROOT / "tests" / "load" / "locustfile.py"),
                        "--headless", "--only-summary", "--loglevel", "WARNING",
                        "--users", str(options.users),
                        "--spawn-rate", str(options.spawn_rate),
                        "--run-time", f"{run_time}s",
                        "--stop-timeout", "10",
                        "--host", server.url,
                    ],
                    cwd=servers.ROOT,
                    env={
                        **env,
                        "LOAD_RESULTS": str(results_file),
                        "LOAD_DURATION": str(options.duration),
                        "PYTHONPATH": str(servers.ROOT),
                    },
                    capture_output=True,
                    text=True,
                    timeout=run_time + 120,
                    check=False,
                )  # fmt: skip
                elapsed = time.monotonic() - started
            if not results_file.exists():
                print(locust.stdout[-3000:], locust.stderr[-3000:], file=sys.stderr)
                return 1
            results = json.loads(results_file.read_text())
        finally:
            server.stop()
            log.close()
    window = results.get("window")
    used = cpu.in_window(use.samples, *window) if window else None
    return report(results, memory, options, elapsed, used)


def report(
    results: dict, memory: servers.PeakMemory, options, elapsed: float, used: dict | None = None
) -> int:
    figures, errors = results["figures"], results["errors"]
    error_count = sum(errors.values())
    read, write = figures.get("read", {}), figures.get("write", {})
    rows = [
        ("users", f"{results['users_started']} of {options.users}", "", ""),
        ("gunicorn", f"{options.workers} workers x {options.threads} threads", "", ""),
        (
            "duration",
            f"{elapsed:.0f} s, {results.get('measured_s', 0):.0f} s measured",
            "",
            "",
        ),
    ]
    for kind in ("read", "write", "sign-in"):
        f = figures.get(kind, {})
        rows.append(
            (
                f"{kind} requests / p50 / p95 / p99",
                f"{f.get('requests', 0)} / {f.get('p50_ms', 0):.0f} / {f.get('p95_ms', 0):.0f}"
                f" / {f.get('p99_ms', 0):.0f} ms",
                {"read": "p95 < 300 ms", "write": "p95 < 800 ms"}.get(kind, ""),
                "",
            )
        )
    verdicts = {
        # No request measured (the window never opened) is a failure, not a p95 of 0.
        "read": read.get("requests", 0) > 0 and read["p95_ms"] < GOALS["read_p95_ms"],
        "write": write.get("requests", 0) > 0 and write["p95_ms"] < GOALS["write_p95_ms"],
        "errors": error_count == 0 and results["users_started"] == options.users,
        "memory": memory.peak_mb < GOALS["worker_rss_mb"],
    }
    rows[3] = (*rows[3][:3], "PASS" if verdicts["read"] else "FAIL")
    rows[4] = (*rows[4][:3], "PASS" if verdicts["write"] else "FAIL")
    rows.append(("errors", str(error_count), "0", "PASS" if verdicts["errors"] else "FAIL"))
    rows.append(
        (
            "web worker peak RSS",
            f"{memory.peak_mb:.0f} MB ({len(memory.peaks)} workers)",
            "< 300 MB",
            "PASS" if verdicts["memory"] else "FAIL",
        )
    )
    width = max(len(r[0]) for r in rows)
    print(f"Load test: {options.users} users, 80 % reads / 20 % writes, gunicorn + PostgreSQL")
    for name, figure, goal, verdict in rows:
        print(f"  {name:<{width}}  {figure:<34} {goal:<14} {verdict}")
    for name, f in results.get("by_name", {}).items():
        times = f"p50 {f['p50_ms']:>5.0f}  p95 {f['p95_ms']:>5.0f} ms"
        print(f"    {name:<30} {f['requests']:>6}  {times}")
    if used is not None:
        print(f"  {cpu_line(used, read.get('requests', 0) + write.get('requests', 0), results)}")
    if slow := slowest_seconds(results.get("samples", [])):
        print(f"  requests over 1 s by 10-second step of the window: {slow}")
    for what, count in sorted(errors.items()):
        print(f"  error: {what} x {count}")
    ok = all(verdicts.values())
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


def cpu_line(used: dict, requests: int, results: dict) -> str:
    """Cores used in the window by each part, and the service's CPU per measured request."""
    cores = os.cpu_count() or 1
    parts = ", ".join(f"{part} {used[part]:.2f}" for part in cpu.PARTS)
    text = f"CPU in the window, in cores of {cores}: {parts}"
    seconds = results.get("measured_s") or 0
    if requests and seconds:
        service_ms = (used["web"] + used["postgres"]) * seconds / requests * 1000
        text += f"; web and PostgreSQL {service_ms:.0f} ms of CPU per read or write"
    return text


def slowest_seconds(samples: list) -> str:
    """How the requests slower than 1 s spread over the window: a queue spreads them, a
    stall (a lock, a checkpoint) bunches them."""
    steps: dict[int, int] = {}
    for started, took_ms in samples:
        if took_ms > 1000:
            steps[int(started // 10) * 10] = steps.get(int(started // 10) * 10, 0) + 1
    return ", ".join(f"{at}s: {n}" for at, n in sorted(steps.items()))


if __name__ == "__main__":
    sys.exit(main())
