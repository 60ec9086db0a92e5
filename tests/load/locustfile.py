"""The load test: board managers reading and writing, 80 % reads and 20 % writes, each a real
journey through the pages and forms (tests/load/journeys.py). Run by `make load`
(tests/load/run.py), which starts gunicorn and PostgreSQL on 127.0.0.1 and makes one account
per simulated user; this file alone: `locust -f tests/load/locustfile.py --host http://127.0.0.1:8000`
against a server prepared the same way.

Figures per kind of request (read, write, sign-in), errors included, are written as JSON to
LOAD_RESULTS when locust quits."""

import itertools
import json
import os
import random
import threading
import time

from locust import HttpUser, between, events, task

from tests.load import journeys
from tests.load.figures import percentile

ACCOUNTS = itertools.count(1)
LOCK = threading.Lock()
TIMES: dict[str, list[float]] = {"read": [], "write": [], "sign-in": []}
BY_NAME: dict[str, list[float]] = {}
# Reads and writes are measured once every user has signed in and read their first lists
# (the goals are for 200 users at work; Argon2 makes a crowd signing in at once slow on
# purpose, and the last spawned users are still queued behind it when spawning ends), for
# LOAD_DURATION seconds; sign-ins always.
STEADY = threading.Event()
ERRORS: dict[str, int] = {}
SIGNED_IN = itertools.count(1)
WINDOW: dict[str, float] = {}


class LocustSite:
    """journeys.Site over locust's client: figures grouped by name, redirects not followed."""

    def __init__(self, client):
        self.client = client

    def get(self, path: str, *, name: str):
        return self.client.get(path, name=name, allow_redirects=False)

    def post(self, path: str, data: dict, *, name: str, files=None):
        return self.client.post(path, data=data, files=files, name=name, allow_redirects=False)


class BoardManager(HttpUser):
    # A person reads a page or submits a form, then reads it and thinks: 5 to 15 seconds.
    wait_time = between(5, 15)

    def on_start(self):
        self.site = LocustSite(self.client)
        with LOCK:
            self.username = f"load.{next(ACCOUNTS):04d}"
        journeys.sign_in(self.site, self.username)
        self.notifications = journeys.notification_ids(self.site)
        self.reviews = journeys.review_ids(self.site)
        with LOCK:
            everyone = next(SIGNED_IN) == self.environment.parsed_options.num_users
        if everyone:
            _start_window(self.environment)

    @task(8)
    def read(self):
        page = random.choice(["home", "list", "case", "case", "review", "compliance"])
        if page == "home":
            journeys.expect(self.site.get("/", name="read: dashboard"), 200, "dashboard")
        elif page == "list":
            self.notifications = journeys.notification_ids(self.site) or self.notifications
        elif page == "case":
            case = random.choice(self.notifications)
            answer = self.site.get(f"/notifications/{case}/", name="read: notification")
            journeys.expect(answer, 200, "notification")
        elif page == "review" and self.reviews:
            answer = self.site.get(f"/reviews/{random.choice(self.reviews)}/", name="read: review")
            journeys.expect(answer, 200, "review")
        elif self.reviews:
            review = random.choice(self.reviews)
            answer = self.site.get(f"/reviews/{review}/compliance/", name="read: compliance")
            journeys.expect(answer, 200, "compliance")

    @task(2)
    def write(self):
        if random.random() < 0.5:
            case, _marker = journeys.notify(self.site)
            self.notifications.append(case)
        else:
            journeys.add_person(self.site, random.choice(self.notifications))


# (seconds into the window, response time) of every measured request, to tell a queue
# (slow requests spread over the run) from a stall (slow requests together).
SAMPLES: list[tuple[float, float]] = []


@events.request.add_listener
def on_request(name, response_time, exception, start_time=None, **kwargs):
    kind = "sign-in" if name == "sign-in" else name.split(":")[0]
    if kind != "sign-in" and not STEADY.is_set():
        return
    with LOCK:
        if kind != "sign-in" and start_time is not None:
            opened = WINDOW.get("opened_at", start_time)
            SAMPLES.append((round(start_time - opened, 2), round(response_time)))
        BY_NAME.setdefault(name, []).append(response_time)
        TIMES.setdefault(kind, []).append(response_time)
        if exception is not None:
            ERRORS[kind] = ERRORS.get(kind, 0) + 1


def _start_window(environment) -> None:
    """The measured window opens when the last user is ready; it closes LOAD_DURATION
    seconds later by stopping the run (the run time given to locust is only a bound)."""
    WINDOW["opened"] = time.monotonic()
    WINDOW["opened_at"] = time.time()
    STEADY.set()
    seconds = float(os.environ.get("LOAD_DURATION", "0"))
    if seconds > 0:
        timer = threading.Timer(seconds, environment.runner.quit)
        timer.daemon = True
        timer.start()


@events.user_error.add_listener
def on_user_error(user_instance, exception, tb, **kwargs):
    # A journey that got an unexpected answer (journeys.JourneyError) or failed otherwise.
    with LOCK:
        key = f"journey: {type(exception).__name__}: {str(exception)[:80]}"
        ERRORS[key] = ERRORS.get(key, 0) + 1


@events.quitting.add_listener
def write_results(environment, **kwargs):
    figures = {
        kind: {
            "requests": len(times),
            "p50_ms": percentile(times, 0.50),
            "p95_ms": percentile(times, 0.95),
            "p99_ms": percentile(times, 0.99),
        }
        for kind, times in TIMES.items()
    }
    by_name = {
        name: {"requests": len(t), "p50_ms": percentile(t, 0.5), "p95_ms": percentile(t, 0.95)}
        for name, t in sorted(BY_NAME.items())
    }
    results = {
        "figures": figures,
        "by_name": by_name,
        "errors": ERRORS,
        "users_started": next(ACCOUNTS) - 1,
        "measured_s": time.monotonic() - WINDOW["opened"] if WINDOW else 0.0,
        # Epoch seconds, for the CPU figures of the same window (tests/load/cpu.py).
        "window": [WINDOW["opened_at"], time.time()] if WINDOW else None,
        "samples": SAMPLES,
    }
    if path := os.environ.get("LOAD_RESULTS"):
        with open(path, "w") as out:
            json.dump(results, out, indent=1)
