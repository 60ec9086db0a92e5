"""Starting and stopping what the operational scripts run against, on 127.0.0.1 only:
gunicorn as production runs it, scratch PostgreSQL databases beside DATABASE_URL, and a
throwaway PostgreSQL cluster of our own for the crash loop (never the machine's shared one)."""

import glob
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from contextlib import closing
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"


def free_port() -> int:
    with closing(socket.socket()) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def base_env(**extra: str) -> dict:
    """The environment of a development server with DEBUG off (the 503 page, no traces)."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("CASEREVIEW_", "DATABASE_URL", "DJANGO_", "EMAIL_"))
    }
    env.update({"CASEREVIEW_DEBUG": "0", "PYTHONUNBUFFERED": "1"})
    env.update(extra)
    return env


def casereview(env: dict, *args: str, timeout: float = 600) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "casereview", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"casereview {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def prepare(env: dict, accounts: int) -> None:
    """Migrates, loads the demo board and makes the load-test accounts."""
    casereview(env, "migrate", "--noinput", "-v0")
    casereview(env, "seed", "--scale", "demo")
    subprocess.run(
        [sys.executable, "-m", "tests.load.accounts", str(accounts)],
        cwd=ROOT,
        env={**env, "PYTHONPATH": str(ROOT)},
        check=True,
        capture_output=True,
        timeout=300,
    )


class Gunicorn:
    """`gunicorn casereview.wsgi` in its own process group (so that kill -9 takes it all)."""

    def __init__(self, env: dict, port: int, workers: int = 2, threads: int = 1, log=None):
        self.env, self.port, self.workers, self.threads = env, port, workers, threads
        self.log = log or subprocess.DEVNULL
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def start(self) -> "Gunicorn":
        gunicorn = str(Path(sys.executable).with_name("gunicorn"))
        self.process = subprocess.Popen(
            [
                gunicorn,
                "casereview.wsgi",
                f"--bind={HOST}:{self.port}",
                f"--workers={self.workers}",
                f"--threads={self.threads}",
                "--timeout=30",
                "--graceful-timeout=5",
                # As production runs it (docs/production.md): the application is imported
                # once, before the workers fork, not on each worker's first request.
                "--preload",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=self.log,
            start_new_session=True,
        )
        return self

    def wait_listening(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}")
            try:
                with socket.create_connection((HOST, self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"gunicorn not listening on {self.port} after {timeout} s")

    def worker_pids(self) -> list[int]:
        import psutil

        try:
            return [c.pid for c in psutil.Process(self.process.pid).children()]
        except psutil.Error:
            return []

    def kill(self) -> None:
        """SIGKILL to the master and every worker at once: no clean-up of any kind."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()


class Sampler:
    """A thread that calls `take()` every `interval` seconds while in its `with` block."""

    interval = 0.5

    def __init__(self):
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.take()

    def take(self) -> None:
        raise NotImplementedError


class PeakMemory(Sampler):
    """Samples the resident memory of a server's workers; keeps each worker's peak."""

    def __init__(self, servers: list[Gunicorn]):
        super().__init__()
        self.servers = servers
        self.peaks: dict[int, int] = {}

    def take(self) -> None:
        import psutil

        for server in self.servers:
            for pid in server.worker_pids():
                try:
                    rss = psutil.Process(pid).memory_info().rss
                except psutil.Error:
                    continue
                self.peaks[pid] = max(self.peaks.get(pid, 0), rss)

    @property
    def peak_mb(self) -> float:
        return max(self.peaks.values(), default=0) / 2**20


def with_database(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path="/" + name))


def scratch_database(url: str, suffix: str) -> str:
    """Drops and creates `<name of url's database>_<suffix>` on the same server; the
    database named in url itself is never touched."""
    import psycopg

    if not url.startswith(("postgres://", "postgresql://")):
        raise SystemExit("DATABASE_URL must name a PostgreSQL database (postgres://...)")
    name = f"{urlsplit(url).path.strip('/') or 'casereview'}_{suffix}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    return with_database(url, name)


class Cluster:
    """A throwaway PostgreSQL cluster under `directory`, run as the postgres user on `port`,
    for the crash loop to stop abruptly without disturbing anyone else's database."""

    def __init__(self, directory: Path, port: int):
        self.directory, self.port = Path(directory), port
        found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
        if not found:
            raise SystemExit("PostgreSQL server binaries not found (/usr/lib/postgresql/*/bin)")
        self.bin = Path(found[-1]).parent
        self.data = self.directory / "data"

    @property
    def url(self) -> str:
        return f"postgres://postgres@{HOST}:{self.port}/casereview"

    def _as_postgres(self, *command: str, timeout: float = 120) -> None:
        prefix = [] if os.geteuid() != 0 else ["runuser", "-u", "postgres", "--"]
        result = subprocess.run(
            [*prefix, *command], capture_output=True, text=True, timeout=timeout, check=False
        )
        if result.returncode != 0:
            raise RuntimeError(f"{command[0]} failed: {result.stderr.strip()[-2000:]}")

    def create(self) -> None:
        if self.directory.exists():
            self.stop_immediately()
            shutil.rmtree(self.directory)
        self.directory.mkdir(parents=True)
        if os.geteuid() == 0:
            shutil.chown(self.directory, "postgres", "postgres")
        self._as_postgres(
            str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust"
        )
        with (self.data / "postgresql.conf").open("a") as conf:
            conf.write(
                f"listen_addresses = '{HOST}'\nport = {self.port}\n"
                f"unix_socket_directories = '{self.directory}'\n"
                "max_connections = 100\nfsync = on\nsynchronous_commit = on\n"
            )
        self.start()
        self._as_postgres(
            str(self.bin / "createdb"), "-h", HOST, "-p", str(self.port), "casereview"
        )

    def start(self) -> None:
        self._as_postgres(
            str(self.bin / "pg_ctl"), "-D", str(self.data), "-l",
            str(self.directory / "server.log"), "-w", "-t", "60", "start",
        )  # fmt: skip

    def stop_immediately(self) -> None:
        """`pg_ctl stop -m immediate`: every server process quits at once, without a
        checkpoint, as after a power cut; the next start runs crash recovery."""
        if (self.data / "postmaster.pid").exists():
            self._as_postgres(
                str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop"
            )

    def destroy(self) -> None:
        try:
            self.stop_immediately()
        finally:
            shutil.rmtree(self.directory, ignore_errors=True)
