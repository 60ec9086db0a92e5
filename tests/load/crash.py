"""`make crash`: crash safety of QUALITY.md ("Reliability").

On a throwaway PostgreSQL cluster of its own (initdb under /tmp, a free port on 127.0.0.1;
never the machine's shared server) with gunicorn in front, writers notify cases through the
form without pause. Each round, in the middle of those writes, every gunicorn process gets
SIGKILL and PostgreSQL is stopped in immediate mode (no checkpoint: crash recovery on the next
start). gunicorn is started again while the database is down, and must answer the styled 503
page with no trace; then PostgreSQL is started and the service must answer again within 30 s.

At the end: every write that was acknowledged (a redirect to the new notification) must be in
the database, complete (its child, agencies, first steps and audit event: the transaction is
all or nothing), no notification of the run may be partial, and `casereview audit verify`
must pass. Prints the figures; exit status 0 when every goal is met, 1 otherwise."""

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from tests.load import journeys, servers

RECOVERY_GOAL_S = 30.0
AGENCIES_PER_CASE = 2  # journeys.notify ticks the first two agencies on the form


@dataclass
class Tally:
    acknowledged: list[tuple[str, str]] = field(default_factory=list)  # (notification, marker)
    refused: int = 0  # attempts not acknowledged: connection cut, 503, timeout
    lock: threading.Lock = field(default_factory=threading.Lock)


class Writer(threading.Thread):
    def __init__(self, number: int, url: str, tally: Tally, stop: threading.Event):
        super().__init__(daemon=True)
        self.number, self.tally, self.stop = number, tally, stop
        # Signed in before the first crash; the session (in the database) outlives every crash.
        self.site = signed_in(url, f"load.{number:04d}")

    def run(self) -> None:
        site = self.site
        count = 0
        while not self.stop.is_set():
            count += 1
            try:
                notification, marker = journeys.notify(site, f"w{self.number}n{count}")
            except Exception:
                with self.tally.lock:
                    self.tally.refused += 1
                self.stop.wait(0.2)
                continue
            with self.tally.lock:
                self.tally.acknowledged.append((notification, marker))


def signed_in(url: str, username: str) -> journeys.RequestsSite:
    site = journeys.RequestsSite(url, timeout=10)
    journeys.sign_in(site, username)
    return site


def unavailable_page(site: journeys.RequestsSite) -> tuple[bool, str]:
    """(the answer was the 503 page without detail, what was seen)."""
    try:
        answer = site.get("/notifications/")
    except Exception as error:
        return False, f"no answer: {type(error).__name__}"
    body = answer.text
    good = (
        answer.status_code == 503
        and "Sorry, the service is unavailable" in body
        and "Traceback" not in body
        and "OperationalError" not in body
    )
    return good, f"{answer.status_code}"


def wait_for_service(site: journeys.RequestsSite, limit: float) -> float | None:
    started = time.monotonic()
    while time.monotonic() - started < limit:
        try:
            if site.get("/notifications/").status_code == 200:
                return time.monotonic() - started
        except Exception:  # noqa: S110 (still coming back)
            pass
        time.sleep(0.2)
    return None


def check_records(url: str, tally: Tally) -> dict:
    import psycopg

    with psycopg.connect(url) as db:
        rows = db.execute(
            """
            SELECT n.id::text, n.referrer_name,
              (SELECT count(*) FROM cases_person p WHERE p.notification_id = n.id
                 AND p.kind = 'child'),
              (SELECT count(*) FROM cases_notificationagency a WHERE a.notification_id = n.id),
              (SELECT count(*) FROM cases_task t WHERE t.notification_id = n.id),
              (SELECT count(*) FROM audit_auditevent e WHERE e.object_id = n.id::text
                 AND e.action = 'notification.create')
            FROM cases_notification n WHERE n.referrer_name LIKE 'Load w%%'
            """
        ).fetchall()
    stored = {row[0]: row for row in rows}
    lost = [n for n, _marker in tally.acknowledged if n not in stored]
    partial = [
        row[0]
        for row in rows
        if not (row[2] == 1 and row[3] == AGENCIES_PER_CASE and row[4] >= 1 + row[3] and row[5])
    ]
    return {"stored": len(rows), "lost": lost, "partial": partial}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--writers", type=int, default=4)
    parser.add_argument("--write-seconds", type=float, default=2.0, help="writes before a crash")
    parser.add_argument("--port", type=int, default=0, help="of the throwaway cluster")
    options = parser.parse_args()
    if not 1 <= options.rounds <= 200 or not 1 <= options.writers <= 20:
        parser.error("--rounds 1..200, --writers 1..20")
    deadline = time.monotonic() + 60 * 60  # the whole run stops itself within an hour
    with tempfile.TemporaryDirectory(prefix="casereview-crash-") as work:
        work = Path(work)
        # Not under `work`: that folder is private to us, and the server runs as postgres.
        cluster = servers.Cluster(
            Path(tempfile.gettempdir()) / f"casereview-crash-pg-{os.getpid()}",
            options.port or servers.free_port(),
        )
        cluster.create()
        try:
            return run(options, work, cluster, deadline)
        finally:
            cluster.destroy()


def run(options, work: Path, cluster: servers.Cluster, deadline: float) -> int:
    env = servers.base_env(DATABASE_URL=cluster.url, CASEREVIEW_DATA_DIR=str(work / "data"))
    print("Preparing the demo board on a throwaway cluster ...", file=sys.stderr)
    servers.prepare(env, options.writers + 1)
    log = (work / "gunicorn.log").open("w")
    server = servers.Gunicorn(env, servers.free_port(), workers=2, threads=2, log=log).start()
    server.wait_listening()
    tally, stop = Tally(), threading.Event()
    writers = [Writer(n, server.url, tally, stop) for n in range(1, options.writers + 1)]
    probe = signed_in(server.url, f"load.{options.writers + 1:04d}")
    for writer in writers:
        writer.start()
    recoveries: list[float] = []
    failures: list[str] = []
    pages_503 = 0
    rounds = 0
    try:
        for number in range(1, options.rounds + 1):
            if time.monotonic() > deadline:
                failures.append(f"stopped after {rounds} rounds: the hour is up")
                break
            time.sleep(options.write_seconds)
            server.kill()
            cluster.stop_immediately()
            server.start()
            server.wait_listening()
            good, seen = unavailable_page(probe)
            pages_503 += good
            if not good:
                failures.append(f"round {number}: database down, answer {seen}, not the 503 page")
            cluster.start()
            recovered = wait_for_service(probe, RECOVERY_GOAL_S)
            if recovered is None:
                failures.append(f"round {number}: no service {RECOVERY_GOAL_S:.0f} s after")
                break
            recoveries.append(recovered)
            rounds = number
            print(
                f"round {number}: {len(tally.acknowledged)} writes acknowledged so far; "
                f"503 page {'yes' if good else 'NO'}; service again after {recovered:.1f} s",
                file=sys.stderr,
            )
    finally:
        stop.set()
        for writer in writers:
            writer.join(timeout=15)
    time.sleep(1)
    server.stop()
    log.close()
    records = check_records(cluster.url, tally)
    try:
        servers.casereview(env, "audit", "verify")
        audit = "intact"
    except RuntimeError as error:
        audit = f"BROKEN: {str(error).splitlines()[-1]}"
    ok = (
        not failures
        and rounds == options.rounds
        and not records["lost"]
        and not records["partial"]
        and audit == "intact"
        and bool(tally.acknowledged)
    )
    print("Crash test: SIGKILL of every gunicorn process + immediate PostgreSQL stop")
    print(f"  rounds                      {rounds} of {options.rounds}")
    print(f"  writes acknowledged         {len(tally.acknowledged)} ({tally.refused} refused)")
    print(f"  acknowledged writes lost    {len(records['lost'])}   goal 0")
    print(f"  partial records             {len(records['partial'])}   goal 0")
    print(f"  503 page while down         {pages_503} of {rounds} rounds")
    if recoveries:
        print(
            f"  service again after         median {statistics.median(recoveries):.1f} s, "
            f"max {max(recoveries):.1f} s   goal ≤ {RECOVERY_GOAL_S:.0f} s"
        )
    print(f"  audit chain                 {audit}")
    for failure in failures[:10]:
        print(f"  {failure}")
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
