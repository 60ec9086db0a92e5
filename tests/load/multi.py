"""`make multi`: more than one machine (issue 15, item 8), as production runs them.

Two gunicorn processes ("machine A" and "machine B": each its own CASEREVIEW_DATA_DIR, both
CASEREVIEW_DOCUMENTS_ROOT set to one shared folder, as both machines mount one file share)
against one PostgreSQL database `<DATABASE_URL's name>_multi` (created beside DATABASE_URL,
which itself is never touched); two concurrent `casereview send-reminders` processes stand
for the two task workers' timers. It shows:

- concurrent notifications through both machines: every acknowledged one stored, every
  reference unique;
- concurrent edits of one case through both machines: every person added is in its register;
- a document uploaded through A is downloaded, byte for byte, through B;
- the two reminder runs together send each reminder exactly once (obligations and actions),
  and each person one e-mail of each kind (obligations; actions due or overdue); run again,
  they send none.

Prints the figures; exit status 0 when every check holds, 1 otherwise."""

import argparse
import io
import os
import re
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from tests.load import journeys, servers

DOCUMENT_LINK = re.compile(
    r'href="(/reviews/[0-9a-f-]{36}/reports/[0-9a-f-]{36}/documents/[0-9a-f-]{36}/)"'
)
SENT = re.compile(r"^Sent (\d+) reminders?", re.M)


def concurrently(count: int, work) -> list:
    results: list = [None] * count
    errors: list[str] = []

    def run(number: int) -> None:
        try:
            results[number] = work(number)
        except Exception as error:
            errors.append(f"{type(error).__name__}: {error}")

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    if errors:
        raise AssertionError("; ".join(errors[:5]))
    return results


class TwoMachines:
    """One signed-in session used on both machines: sessions live in the shared database."""

    def __init__(self, a: str, b: str, username: str, key: str | None = None):
        self.sites = [journeys.RequestsSite(a), journeys.RequestsSite(b)]
        journeys.sign_in(self.sites[0], username, key)
        for site in self.sites[1:]:
            site.session.cookies = self.sites[0].session.cookies

    def on(self, machine: int) -> journeys.RequestsSite:
        return self.sites[machine % 2]


def small_pdf() -> bytes:
    import pikepdf

    pdf = pikepdf.new()
    pdf.add_blank_page()
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, default=8, help="concurrent users")
    parser.add_argument("--writes", type=int, default=5, help="notifications per user")
    options = parser.parse_args()
    if not 1 <= options.writers <= 50 or not 1 <= options.writes <= 50:
        parser.error("--writers 1..50, --writes 1..50")
    url = servers.scratch_database(os.environ.get("DATABASE_URL", ""), "multi")
    with tempfile.TemporaryDirectory(prefix="casereview-multi-") as work:
        work = Path(work)
        shared = work / "shared-documents"
        shared.mkdir()
        envs = [
            servers.base_env(
                DATABASE_URL=url,
                CASEREVIEW_DATA_DIR=str(work / f"machine-{name}"),
                CASEREVIEW_DOCUMENTS_ROOT=str(shared),
                EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend",
            )
            for name in "ab"
        ]
        print("Preparing the demo board ...", file=sys.stderr)
        servers.prepare(envs[0], options.writers)
        logs = [(work / f"gunicorn-{n}.log").open("w") for n in "ab"]
        machines = [
            servers.Gunicorn(env, servers.free_port(), workers=2, log=log).start()
            for env, log in zip(envs, logs, strict=True)
        ]
        try:
            for machine in machines:
                machine.wait_listening()
            checks = run_checks(options, url, envs, [m.url for m in machines])
        finally:
            for machine in machines:
                machine.stop()
            for log in logs:
                log.close()
    width = max(len(name) for name, _f, _ok in checks)
    print("Two web processes and two reminder workers on one PostgreSQL")
    for name, figure, ok in checks:
        print(f"  {name:<{width}}  {figure:<44} {'PASS' if ok else 'FAIL'}")
    ok = all(ok for _n, _f, ok in checks)
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


def run_checks(options, url: str, envs: list[dict], bases: list[str]) -> list[tuple]:
    import psycopg

    checks = []
    users = [TwoMachines(*bases, f"load.{n:04d}") for n in range(1, options.writers + 1)]

    # 1. Notifications through both machines at once.
    def notify_many(number: int) -> list[str]:
        return [
            journeys.notify(users[number].on(number + i), f"m{number}n{i}")[0]
            for i in range(options.writes)
        ]

    acknowledged = [n for batch in concurrently(options.writers, notify_many) for n in batch]
    with psycopg.connect(url) as db:
        stored = {
            row[0]: row[1]
            for row in db.execute(
                "SELECT id::text, reference FROM cases_notification"
                " WHERE referrer_name LIKE 'Load m%%'"
            )
        }
        duplicates = db.execute(
            "SELECT count(*) FROM (SELECT board_id, reference FROM cases_notification "
            "GROUP BY board_id, reference HAVING count(*) > 1) d"
        ).fetchone()[0]
    lost = [n for n in acknowledged if n not in stored]
    checks.append(
        ("notifications through A and B", f"{len(acknowledged)} acknowledged, {len(lost)} lost",
         not lost and len(acknowledged) == options.writers * options.writes)
    )  # fmt: skip
    checks.append(("references unique", f"{duplicates} duplicated", duplicates == 0))

    # 2. Everyone adds a person to one case at the same moment, half through each machine.
    case = acknowledged[0]
    markers = concurrently(
        options.writers, lambda n: journeys.add_person(users[n].on(n), case, f"p{n}")
    )
    with psycopg.connect(url) as db:
        names = {
            row[0]
            for row in db.execute(
                "SELECT family_name FROM cases_person WHERE notification_id = %s", (case,)
            )
        }
    missing = [m for m in markers if f"Loadrelative{m}" not in names]
    checks.append(
        ("concurrent edits of one case", f"{len(markers)} people added, {len(missing)} lost",
         not missing)
    )  # fmt: skip

    # 3. Upload through A, download through B.
    checks.append(shared_documents(url, bases))

    # 4. Reminders: two workers at once, then again.
    checks.extend(reminders(url, envs))
    return checks


def shared_documents(url: str, bases: list[str]) -> tuple:
    import psycopg

    with psycopg.connect(url) as db:
        key, review, report = db.execute(
            """
            SELECT d.key, r.review_id::text, r.id::text
            FROM accounts_user u
            JOIN otp_totp_totpdevice d ON d.user_id = u.id AND d.confirmed
            JOIN accounts_membership m ON m.user_id = u.id AND m.agency_id IS NOT NULL
            JOIN reviews_agencyreport r ON r.agency_id = m.agency_id
            WHERE u.username = 'police.author' AND r.status IN ('requested', 'draft', 'returned')
            ORDER BY r.id LIMIT 1
            """
        ).fetchone()
    author = TwoMachines(*bases, "police.author", key)
    content = small_pdf()
    path = f"/reviews/{review}/reports/{report}/"
    page = journeys.expect(author.on(0).get(path), 200, "report on A")
    answer = author.on(0).post(
        path + "documents/",
        {"csrfmiddlewaretoken": journeys.csrf_token(page)},
        files={"file": ("shared-storage-check.pdf", content, "application/pdf")},
    )
    journeys.expect(answer, 302, "upload through A")
    page = journeys.expect(author.on(1).get(path), 200, "report on B")
    links = DOCUMENT_LINK.findall(page.text)
    if not links:
        return ("upload on A, download on B", "no document listed on B", False)
    download = author.on(1).get(links[-1])
    same = download.status_code == 200 and download.content == content
    return ("upload on A, download on B", f"{download.status_code}, {len(download.content)} bytes"
            f"{' identical' if same else ' DIFFERENT'}", same)  # fmt: skip


def reminders(url: str, envs: list[dict]) -> list[tuple]:
    import psycopg

    def both_workers() -> tuple[list, int, int]:
        runs = [
            subprocess.Popen(
                [sys.executable, "-m", "casereview", "send-reminders"],
                cwd=servers.ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                text=True,
            )
            for env in envs
        ]  # fmt: skip
        outputs = [run.communicate(timeout=300)[0] for run in runs]
        reported = sum(int(n) for out in outputs for n in SENT.findall(out))
        with psycopg.connect(url) as db:
            rows = db.execute(
                "SELECT (SELECT count(*) FROM reviews_remindersent)"
                " + (SELECT count(*) FROM learning_actionreminder)"
            ).fetchone()[0]
        return [e for out in outputs for e in emails(out)], reported, rows

    e_mails, reported, rows = both_workers()
    again, reported_again, rows_again = both_workers()
    twice = len(e_mails) - len(set(e_mails))
    kinds = len({subject for _, subject in e_mails})
    return [
        ("reminders, two workers at once",
         f"{reported} sent for {rows} due; {len(e_mails)} e-mails of {kinds} kinds, "
         f"{twice} twice",
         reported == rows > 0 and e_mails and twice == 0),
        ("reminders, both again", f"{reported_again} sent, {len(again)} e-mails",
         reported_again == 0 and not again and rows_again == rows),
    ]  # fmt: skip


def emails(output: str) -> list[tuple[str, str]]:
    """(recipient, kind) of each e-mail the console backend printed: the obligations' subject
    counts its obligations, so the kind is the subject up to the count."""
    found = []
    for message in output.split("-" * 79):
        to = re.search(r"^To: (.+)$", message, re.M)
        subject = re.search(r"^Subject: (.+)$", message, re.M)
        if to and subject:
            found.append((to.group(1), re.sub(r"\d+ obligations?.*", "", subject.group(1))))
    return found


if __name__ == "__main__":
    sys.exit(main())
