"""The dependency files say the same thing (issue 7): pyproject.toml declares exactly the
runtime pins of requirements.txt; each lock holds its requirements at their pinned versions,
every package with hashes; production's lock holds no development tool."""

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent


def pins(lines) -> dict[str, str]:
    """name -> "extras==version" of the requirement lines (comments and -r lines skipped)."""
    found = {}
    for raw in lines:
        line = raw.split("#", 1)[0].strip()
        if not line or line.startswith("-"):
            continue
        req = Requirement(line)
        extras = "[" + ",".join(sorted(req.extras)) + "]" if req.extras else ""
        found[canonicalize_name(req.name)] = f"{extras}{req.specifier}"
    return found


def requirements(name: str) -> dict[str, str]:
    return pins((ROOT / name).read_text().splitlines())


def lock(name: str) -> dict[str, tuple[str, list[str]]]:
    """name -> (version, hashes) of a hashed lock (one requirement over continued lines)."""
    text = (ROOT / name).read_text().replace("\\\n", " ")
    locked = {}
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        hashes = re.findall(r"--hash=sha256:([0-9a-f]{64})", line)
        req = Requirement(line.split("--hash", 1)[0].strip())
        (spec,) = req.specifier
        assert spec.operator == "==", f"{name}: {req.name} is not pinned exactly"
        locked[canonicalize_name(req.name)] = (spec.version, hashes)
    return locked


def test_pyproject_declares_exactly_the_runtime_requirements():
    declared = pins(tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"])
    assert declared == requirements("requirements.txt")


def test_every_requirement_is_pinned_exactly():
    for name in ("requirements.txt", "requirements-dev.txt"):
        for package, spec in requirements(name).items():
            assert "==" in spec and "," not in spec, f"{name}: pin {package} with =="


def test_each_lock_holds_its_requirements_at_their_pinned_versions():
    runtime = lock("requirements.lock")
    dev = lock("requirements-dev.lock")
    for package, spec in requirements("requirements.txt").items():
        assert runtime[package][0] == spec.rsplit("==", 1)[1], f"run `make lock` ({package})"
    for package, spec in requirements("requirements-dev.txt").items():
        assert dev[package][0] == spec.rsplit("==", 1)[1], f"run `make lock` ({package})"


def test_the_development_lock_installs_the_runtime_lock_unchanged():
    dev = lock("requirements-dev.lock")
    for package, (version, _) in lock("requirements.lock").items():
        assert dev[package][0] == version, package


def test_every_locked_package_has_hashes():
    for name in ("requirements.lock", "requirements-dev.lock"):
        for package, (_, hashes) in lock(name).items():
            assert hashes, f"{name}: {package} has no hash"


def test_production_installs_no_development_tool():
    runtime = lock("requirements.lock")
    for tool in requirements("requirements-dev.txt"):
        assert tool not in runtime, tool
