"""Benchmarks for the performance goals of QUALITY.md ("Performance"); see bench/README.md.

What the benchmarks share lives here:

- the benchmark data sets, built once with `casereview migrate`, `casereview seed
  --scale <scale>` and `casereview compliance-rebuild`, and reused while their fingerprint
  (the migrations and the data generator) is unchanged: a SQLite file under
  ``var/bench/<scale>/`` and, when ``DATABASE_URL`` is set, the PostgreSQL database
  ``casereview_bench`` on that server;
- running a measurement in a fresh Django process pointed at one of them.

Nothing here imports Django: settings are read from the environment when Django starts,
so every measurement runs in its own subprocess with the data set's environment.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "bench"
SCALES = ("national", "board")
PG_DATABASE = "casereview_bench"
# How the harness builds a data set: bump it when that changes, to rebuild existing ones.
BUILD_VERSION = "3"
# What a data set is built from: when any of these changes, the data set is rebuilt.
FINGERPRINTED = (
    "casereview/*/migrations/*.py",
    "casereview/demo/*.py",
)


class BenchError(Exception):
    """A benchmark could not run (a data set failed to build, a measurement crashed)."""


@dataclass
class Dataset:
    """A seeded database and the environment a Django process needs to use it."""

    backend: str  # "sqlite" or "postgresql"
    scale: str
    env: dict[str, str]
    location: str
    built_in: float | None = None  # seconds, or None when an existing build was reused

    def describe(self) -> dict:
        return {
            "backend": self.backend,
            "scale": self.scale,
            "location": self.location,
            "built_in_s": None if self.built_in is None else round(self.built_in, 1),
            "reused": self.built_in is None,
        }


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def fingerprint(scale: str) -> str:
    digest = hashlib.sha256(f"{BUILD_VERSION}\0{scale}\0".encode())
    for pattern in FINGERPRINTED:
        for path in sorted(ROOT.glob(pattern)):
            if path.name == "__init__.py":
                continue
            digest.update(str(path.relative_to(ROOT)).encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def base_env(data_dir: Path) -> dict[str, str]:
    """The environment of a Django process of the benchmarks: development settings
    without DEBUG (no query log kept outside the measured blocks), data under `data_dir`."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CASEREVIEW_DEMO")}
    env.update(
        CASEREVIEW_ENV="development",
        CASEREVIEW_DEBUG="0",
        CASEREVIEW_DATA_DIR=str(data_dir),
        DJANGO_SETTINGS_MODULE="casereview.settings",
        PYTHONPATH=os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p),
    )
    return env


def _casereview(args: list[str], env: dict[str, str], build_log: Path) -> None:
    """`casereview <args>`: output to the build log; progress bars and errors (stderr) to
    the terminal."""
    with build_log.open("a") as out:
        out.write(f"$ casereview {' '.join(args)}\n")
        out.flush()
        done = subprocess.run(  # noqa: S603 - our own interpreter and command
            [sys.executable, "-m", "casereview", *args],
            cwd=ROOT,
            env=env,
            stdout=out,
            check=False,
        )
    if done.returncode != 0:
        raise BenchError(
            f"`casereview {' '.join(args)}` failed (exit {done.returncode}): its error is "
            f"above, its output in {build_log}"
        )


def _seed(scale: str, env: dict[str, str], build_log: Path) -> None:
    build_log.unlink(missing_ok=True)
    _casereview(["migrate", "--noinput"], env, build_log)
    _casereview(["seed", "--scale", scale], env, build_log)
    if "Loaded the" not in build_log.read_text():
        raise BenchError(f"`casereview seed --scale {scale}` loaded nothing (see {build_log})")
    # As production does after an upgrade (docs/production.md): the kept compliance state
    # is rebuilt, so settled cases leave `open_cases()` and the dashboards read current lines.
    _casereview(["compliance-rebuild"], env, build_log)


def sqlite_dataset(scale: str, rebuild: bool = False) -> Dataset:
    """var/bench/<scale>/casereview.sqlite3, built unless a build with the same
    fingerprint is there."""
    wanted = fingerprint(scale)
    home = VAR / scale
    marker = home / "fingerprint"
    database = home / "casereview.sqlite3"
    current = marker.read_text().strip() if marker.exists() else None
    if not rebuild and database.exists() and current == wanted:
        return Dataset("sqlite", scale, base_env(home), str(database))
    log(f"Building the {scale} data set (SQLite) in {home.relative_to(ROOT)} ...")
    started = time.monotonic()
    VAR.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f"{scale}.", suffix=".building", dir=VAR))
    try:
        _seed(scale, base_env(staging), VAR / f"build-{scale}-sqlite.log")
        (staging / "fingerprint").write_text(wanted + "\n")
        shutil.rmtree(home, ignore_errors=True)
        staging.rename(home)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    built = time.monotonic() - started
    log(f"  built in {built:.1f}s")
    return Dataset("sqlite", scale, base_env(home), str(database), built_in=built)


def _pg_url(url: str, database: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + database, parts.query, ""))


def postgres_dataset(scale: str, url: str, rebuild: bool = False) -> Dataset:
    """The database casereview_bench (casereview_bench_board at board scale) on the server
    of `url`, created if needed; its fingerprint is kept as the database's comment."""
    import psycopg
    from psycopg import sql

    name = PG_DATABASE if scale == "national" else f"{PG_DATABASE}_{scale}"
    bench_url = _pg_url(url, name)
    home = VAR / f"{scale}-postgresql"
    home.mkdir(parents=True, exist_ok=True)
    env = {**base_env(home), "DATABASE_URL": bench_url}
    wanted = fingerprint(scale)
    where = f"{urlsplit(url).hostname}:{urlsplit(url).port or 5432}/{name}"
    try:
        admin = psycopg.connect(_pg_url(url, "postgres"), autocommit=True)
    except psycopg.Error as error:
        raise BenchError(f"cannot connect to PostgreSQL for {where}: {error}") from None
    with admin:
        row = admin.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
            [name],
        ).fetchone()
        if row is not None and row[0] == wanted and not rebuild:
            return Dataset("postgresql", scale, env, where)
        log(f"Building the {scale} data set (PostgreSQL) in {where} ...")
        started = time.monotonic()
        admin.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        _seed(scale, env, VAR / f"build-{scale}-postgresql.log")
        # Planner statistics, as autovacuum would gather them on a live server (it may be
        # off, and is not instant): without them PostgreSQL scans whole tables.
        with psycopg.connect(bench_url, autocommit=True) as loaded:
            loaded.execute("VACUUM ANALYZE")
        admin.execute(
            sql.SQL("COMMENT ON DATABASE {} IS {}").format(
                sql.Identifier(name), sql.Literal(wanted)
            )
        )
    built = time.monotonic() - started
    log(f"  built in {built:.1f}s")
    return Dataset("postgresql", scale, env, where, built_in=built)


def datasets(scale: str, rebuild: bool = False) -> list[Dataset]:
    """SQLite always; PostgreSQL too when DATABASE_URL is set."""
    found = [sqlite_dataset(scale, rebuild)]
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        found.append(postgres_dataset(scale, url, rebuild))
    return found


def measure(module: str, dataset: Dataset) -> dict:
    """Run `python -m <module> --measure OUT` against the data set; return OUT's JSON."""
    with tempfile.TemporaryDirectory(dir=VAR) as scratch:
        out = Path(scratch) / "result.json"
        done = subprocess.run(  # noqa: S603 - our own interpreter and module
            [sys.executable, "-m", module, "--measure", str(out)],
            cwd=ROOT,
            env=dataset.env,
            check=False,
        )
        if done.returncode != 0 or not out.exists():
            raise BenchError(f"{module} failed against {dataset.backend} ({done.returncode})")
        return json.loads(out.read_text())


def django_setup() -> None:
    """In a measurement subprocess: start Django with the environment `measure` gave it."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casereview.settings")
    import django

    django.setup()


def summary(seconds: list[float]) -> dict:
    return {
        "median_s": statistics.median(seconds),
        "min_s": min(seconds),
        "max_s": max(seconds),
        "runs_s": [round(s, 6) for s in seconds],
    }
