"""Production settings: the deploy checks pass and the demo shortcut cannot be turned on."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_check(extra_env: dict, *args: str) -> subprocess.CompletedProcess:
    return run_command(extra_env, "check", *args)


def run_command(extra_env: dict, *args: str) -> subprocess.CompletedProcess:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("CASEREVIEW_", "DATABASE_URL", "EMAIL_", "AUDIT_"))
    }
    env.update(
        {
            "CASEREVIEW_ENV": "production",
            "SECRET_KEY": "a-long-random-production-secret-key-for-the-check-0123456789",
            "AUDIT_HMAC_KEY": "another-long-random-key-for-the-audit-chain-0123456789",
            "ALLOWED_HOSTS": "scr.example.org",
            "CASEREVIEW_DATA_DIR": "/tmp/casereview-prod-check",
            "EMAIL_HOST": "smtp.example.org",
            "EMAIL_USE_TLS": "1",
        }
    )
    env.update(extra_env)
    return subprocess.run(
        [sys.executable, "-m", "casereview", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_deploy_checks_pass_with_no_warnings():
    result = run_check({}, "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_the_demo_shortcut():
    result = run_check({"CASEREVIEW_DEMO": "1"})
    assert result.returncode != 0
    assert "CASEREVIEW_DEMO cannot be on in production" in result.stderr


def test_production_refuses_debug_and_a_missing_secret_key():
    assert "DEBUG" in run_check({"CASEREVIEW_DEBUG": "1"}).stderr
    assert "SECRET_KEY must be set" in run_check({"SECRET_KEY": ""}).stderr


def test_production_refuses_a_missing_or_short_audit_key():
    for key in ("", "too-short"):
        result = run_check({"AUDIT_HMAC_KEY": key})
        assert result.returncode != 0
        assert "AUDIT_HMAC_KEY must be set in production" in result.stderr


def test_production_refuses_plaintext_mail():
    result = run_check({"EMAIL_USE_TLS": ""})
    assert result.returncode != 0
    assert "Mail in production must be encrypted" in result.stderr
    # Naming Django's own SMTP backend does not get round it.
    django_smtp = {
        "EMAIL_USE_TLS": "0",
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    }
    assert "Mail in production must be encrypted" in run_check(django_smtp).stderr


def test_mail_takes_one_tls_mode_and_a_numeric_port():
    both = run_check({"EMAIL_USE_SSL": "1"})
    assert "Set only one of EMAIL_USE_TLS (STARTTLS) and EMAIL_USE_SSL" in both.stderr
    port = run_check({"EMAIL_PORT": "587a"})
    assert "EMAIL_PORT must be a whole number, not '587a'" in port.stderr
    assert "EMAIL_PORT must be at least 1" in run_check({"EMAIL_PORT": "70000"}).stderr


PRINT_MAILER = (
    "import json; from django.conf import settings; print(json.dumps(settings.MAILERS['default']))"
)


@pytest.mark.parametrize(
    ("mode", "port", "use_tls", "use_ssl"),
    [
        ({"EMAIL_USE_TLS": "1"}, 587, True, False),
        ({"EMAIL_USE_TLS": "", "EMAIL_USE_SSL": "1"}, 465, False, True),
        ({"EMAIL_USE_TLS": "1", "EMAIL_PORT": " 2525 "}, 2525, True, False),
    ],
)
def test_smtp_over_tls_is_accepted_with_the_port_as_a_number(mode, port, use_tls, use_ssl):
    result = run_command(mode, "shell", "-c", PRINT_MAILER)
    assert result.returncode == 0, result.stderr
    mailer = json.loads(result.stdout.splitlines()[-1])
    assert mailer["BACKEND"] == "casereview.lib.mail.SMTPBackend"
    options = mailer["OPTIONS"]
    assert (options["port"], options["use_tls"], options["use_ssl"]) == (port, use_tls, use_ssl)
    assert options["host"] == "smtp.example.org"


@pytest.mark.parametrize(("proxies", "header"), [("0", "None"), ("1", "HTTP_X_FORWARDED_PROTO")])
def test_https_is_taken_from_a_forwarded_header_only_behind_a_trusted_proxy(proxies, header):
    result = run_command(
        {"CASEREVIEW_TRUSTED_PROXIES": proxies},
        "shell",
        "-c",
        "from django.conf import settings; "
        "print(getattr(settings, 'SECURE_PROXY_SSL_HEADER', None))",
    )
    assert result.returncode == 0, result.stderr
    assert header in result.stdout
