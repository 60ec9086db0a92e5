"""Trained theme models kept on the documents storage, so that a model is trained once (by
the task worker) and every web process, on every machine, loads it in milliseconds.

A model trained on the shipped set and the tags people confirmed takes seconds of CPU; done
in the request, every confirmation made the next page that suggests themes wait for it, in
each web process. Each file is named by what it was trained on (`key`) and starts with an
HMAC of the rest under the service's SECRET_KEY: a file that does not verify is never
unpickled (unpickling runs code, so only the service's own files are read). Files live in
the documents storage's cache folder (documents.services.cache_root), which production
shares between web machines (docs/production.md) and backups leave out; the newest few are
kept.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import secrets
from pathlib import Path
from typing import Any

from django.conf import settings

from casereview.documents.services import cache_root

KEEP = 3
SUFFIX = ".model"
_DIGEST = hashlib.sha256().digest_size


def root() -> Path:
    return cache_root() / "theme_models"


def _signature(data: bytes) -> bytes:
    key = hashlib.sha256(b"casereview theme model " + settings.SECRET_KEY.encode()).digest()
    return hmac.new(key, data, hashlib.sha256).digest()


def _path(key: str) -> Path:
    if not key.replace("-", "").isalnum():
        raise ValueError("a model key is letters, digits and hyphens")
    return root() / f"{key}{SUFFIX}"


def save(key: str, model: Any) -> None:
    """Write the model under `key` (atomically: a reader sees the whole file or none), then
    remove all but it and the newest KEEP - 1 others."""
    data = pickle.dumps(model, protocol=pickle.HIGHEST_PROTOCOL)
    folder = root()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    temporary = folder / f".{secrets.token_hex(8)}.part"
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as out:
            out.write(_signature(data) + data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, _path(key))
    finally:
        temporary.unlink(missing_ok=True)
    others = [p for p in folder.glob(f"*{SUFFIX}") if p != _path(key)]
    for old in sorted(others, key=_age)[KEEP - 1 :]:
        old.unlink(missing_ok=True)


def _age(path: Path) -> float:
    try:
        return -path.stat().st_mtime
    except FileNotFoundError:
        return 0.0


def has(key: str) -> bool:
    return _path(key).is_file()


def load(key: str) -> Any | None:
    """The model saved under `key`, or None (none saved, or a file that does not verify)."""
    return _read(_path(key))


def newest() -> Any | None:
    """The most recently saved model that verifies, or None."""
    folder = root()
    if not folder.is_dir():
        return None
    for path in sorted(folder.glob(f"*{SUFFIX}"), key=_age):
        if (model := _read(path)) is not None:
            return model
    return None


def _read(path: Path) -> Any | None:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    signature, data = raw[:_DIGEST], raw[_DIGEST:]
    if not hmac.compare_digest(signature, _signature(data)):
        return None
    return pickle.loads(data)  # noqa: S301 (verified above: written by this service)
