"""Production settings: the deploy checks pass and the demo shortcut cannot be turned on."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_check(extra_env: dict, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CASEREVIEW_", "DATABASE_URL"))}
    env.update(
        {
            "CASEREVIEW_ENV": "production",
            "SECRET_KEY": "a-long-random-production-secret-key-for-the-check-0123456789",
            "ALLOWED_HOSTS": "scr.example.org",
            "CASEREVIEW_DATA_DIR": "/tmp/casereview-prod-check",
        }
    )
    env.update(extra_env)
    return subprocess.run(
        [sys.executable, "-m", "casereview", "check", *args],
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
