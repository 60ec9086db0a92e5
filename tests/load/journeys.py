"""What a user does, over HTTP with CSRF tokens, as a browser would: sign in with password and
security code, read pages, notify a case, add a person to its register. The load test, the
crash loop and the two-machine check all drive the service through these functions."""

import hashlib
import hmac
import re
import struct
import time
import uuid
from dataclasses import dataclass
from datetime import date
from typing import Protocol

PASSWORD = "demo-password-2026"
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
NOTIFICATION_LINK = re.compile(r'href="/notifications/([0-9a-f-]{36})/"')
REVIEW_LINK = re.compile(r'href="/reviews/([0-9a-f-]{36})/"')


class JourneyError(AssertionError):
    """The service answered, but not as the journey expects."""


class Response(Protocol):
    status_code: int
    text: str
    headers: dict


class Site(Protocol):
    """A signed-in or anonymous browser on one server; `name` groups figures in locust."""

    def get(self, path: str, *, name: str) -> Response: ...

    def post(self, path: str, data: dict, *, name: str, files: dict | None = None) -> Response: ...


class RequestsSite:
    """A Site over requests.Session, for the scripts (locust has its own client)."""

    def __init__(self, base: str, timeout: float = 30):
        import requests

        self.base = base.rstrip("/")
        self.session = requests.Session()
        self.timeout = timeout

    def get(self, path: str, *, name: str = "") -> Response:
        return self.session.get(self.base + path, allow_redirects=False, timeout=self.timeout)

    def post(self, path: str, data: dict, *, name: str = "", files: dict | None = None):
        return self.session.post(
            self.base + path,
            data=data,
            files=files,
            allow_redirects=False,
            timeout=self.timeout,
            headers={"Referer": self.base + path},
        )


def totp_key(username: str) -> str:
    """The hex TOTP key given to a load-test account (tests/load/accounts.py)."""
    return hashlib.sha256(f"casereview-load-test:{username}".encode()).hexdigest()[:40]


def totp(hex_key: str, at: float | None = None, step: int = 30, digits: int = 6) -> str:
    """RFC 6238 code, as django-otp computes it for a TOTPDevice with this key."""
    counter = int((time.time() if at is None else at) // step)
    digest = hmac.new(bytes.fromhex(hex_key), struct.pack(">Q", counter), "sha1").digest()
    offset = digest[-1] & 0x0F
    code = (struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 10**digits
    return f"{code:0{digits}d}"


def csrf_token(page: Response) -> str:
    match = CSRF_INPUT.search(page.text)
    if not match:
        raise JourneyError(f"no CSRF token on the page (status {page.status_code})")
    return match.group(1)


def expect(response: Response, status: int, what: str) -> Response:
    if response.status_code != status:
        raise JourneyError(f"{what}: {response.status_code}, expected {status}")
    return response


def sign_in(site: Site, username: str, key: str | None = None, password: str = PASSWORD) -> None:
    form = expect(site.get("/sign-in/", name="sign-in"), 200, "sign-in page")
    answer = site.post(
        "/sign-in/",
        {"csrfmiddlewaretoken": csrf_token(form), "username": username, "password": password},
        name="sign-in",
    )
    expect(answer, 302, "password")
    second = expect(site.get("/sign-in/two-factor/", name="sign-in"), 200, "security code page")
    code = totp(key or totp_key(username))
    answer = site.post(
        "/sign-in/two-factor/",
        {"csrfmiddlewaretoken": csrf_token(second), "code": code},
        name="sign-in",
    )
    expect(answer, 302, "security code")


def notification_ids(site: Site) -> list[str]:
    page = expect(site.get("/notifications/", name="read: notifications"), 200, "list")
    return list(dict.fromkeys(NOTIFICATION_LINK.findall(page.text)))


def review_ids(site: Site) -> list[str]:
    page = expect(site.get("/reviews/", name="read: reviews"), 200, "reviews")
    return list(dict.fromkeys(REVIEW_LINK.findall(page.text)))


@dataclass
class NotifyForm:
    board: str
    agencies: list[str]


def notify_form(site: Site) -> tuple[Response, NotifyForm]:
    page = expect(site.get("/notify/", name="write: notify form"), 200, "notify form")
    # One board: a hidden input; several: a select whose first option is taken.
    board = re.search(r'name="board" value="([^"]+)"', page.text) or re.search(
        r'<select name="board"[^>]*>\s*<option value="([^"]+)"', page.text
    )
    agencies = re.findall(r'name="agencies" value="([^"]+)"', page.text)
    if not board:
        raise JourneyError("no board on the notify form")
    return page, NotifyForm(board.group(1), agencies[:2])


def notify(site: Site, marker: str | None = None) -> tuple[str, str]:
    """Notifies a case through the form; returns (notification id, marker in its record)."""
    marker = marker or uuid.uuid4().hex[:12]
    page, form = notify_form(site)
    today = date.today()
    data = {
        "csrfmiddlewaretoken": csrf_token(page),
        "board": form.board,
        "referrer_name": f"Load {marker}",
        "referrer_role": "Designated nurse",
        "referrer_contact": "01234 000000",
        "given_names": "Synthetic",
        "family_name": f"Loadchild{marker}",
        "date_of_birth_day": "17",
        "date_of_birth_month": "5",
        "date_of_birth_year": str(today.year - 3),
        "sex": "female",
        "ethnicity": "B2",
        "disability": "no",
        "address": "1 Example Street, Eastbrook ZZ99 1AA",
        "looked_after": "no",
        "plan": "cpp",
        "incident_date_day": "1",
        "incident_date_month": "1",
        "incident_date_year": str(today.year),
        "outcome": "serious_harm",
        "abuse_neglect": "suspected",
        "considerations": ["e"],
        "circumstances": "Synthetic circumstances written by a load test.",
        "agencies": form.agencies,
        "key_dates": "",
    }
    answer = site.post("/notify/", data, name="write: notify")
    expect(answer, 302, "notify")
    found = re.search(r"/notifications/([0-9a-f-]{36})/", answer.headers.get("Location", ""))
    if not found:
        raise JourneyError("notify: no notification in the redirect")
    return found.group(1), marker


def add_person(site: Site, notification: str, marker: str | None = None) -> str:
    """Adds a family member to a case's people register through the form."""
    marker = marker or uuid.uuid4().hex[:12]
    path = f"/notifications/{notification}/people/add/"
    page = expect(site.get(path, name="write: person form"), 200, "person form")
    data = {
        "csrfmiddlewaretoken": csrf_token(page),
        "kind": "family",
        "given_names": "Synthetic",
        "family_name": f"Loadrelative{marker}",
        "relationship": "grandparent",
        "sex": "not_known",
        "ethnicity": "NK",
        "preferred_language": "en",
        "disability": "not_known",
        "address": "",
        "contact_details": "",
    }
    expect(site.post(path, data, name="write: add person"), 302, "add person")
    return marker
