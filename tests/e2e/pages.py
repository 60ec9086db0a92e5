"""What every browser journey does on the service's own pages: sign in with a password and
an authenticator code, sign out, and fill in the GOV.UK-style fields by their labels."""

from __future__ import annotations

import re

from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from conftest import PASSWORD, code_for


def current_code(device: TOTPDevice) -> str:
    """What the person's authenticator app shows now."""
    device.refresh_from_db()
    return code_for(device)


def authenticator(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


def heading(page, text: str):
    return page.get_by_role("heading", level=1, name=text)


def sign_in(tab, live_server, user, device: TOTPDevice) -> None:
    page = tab.page
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(re.compile(r"/sign-in/"))
    expect(heading(page, "Sign in")).to_be_visible()
    tab.check("sign-in")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()
    expect(heading(page, "Enter your security code")).to_be_visible()
    tab.check("two-factor")
    page.get_by_label("Security code").press_sequentially(current_code(device))
    page.get_by_role("button", name="Sign in").click()
    expect(heading(page, "Your work")).to_be_visible()
    expect(page.get_by_text(f"Signed in as {user.get_full_name()}")).to_be_attached()
    tab.check("home")


def sign_out(tab) -> None:
    page = tab.page
    page.get_by_role("button", name="Sign out").click()
    expect(heading(page, "Sign in")).to_be_visible()
    expect(page.get_by_text("You have signed out")).to_be_visible()
    tab.check("signed-out")


def group(page, legend: str):
    """A fieldset (radios, checkboxes or a date) by its legend."""
    return page.get_by_role("group", name=legend, exact=True)


def fill_date(page, legend: str, day: str, month: str, year: str) -> None:
    date = group(page, legend)
    date.get_by_label("Day").fill(day)
    date.get_by_label("Month").fill(month)
    date.get_by_label("Year").fill(year)
