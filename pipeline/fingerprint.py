"""Content fingerprints (sha256), kept light: deciding what is stale must not import the world."""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def of_json(value: object) -> str:
    return digest(json.dumps(value, sort_keys=True, ensure_ascii=False).encode())


def file_digest(path: Path) -> str:
    """Digest of a file's content; "" when it does not exist."""
    return digest(path.read_bytes()) if path.exists() else ""


@lru_cache(maxsize=1)
def code_version() -> str:
    """Fingerprint of the pipeline package's code and templates."""
    files = sorted(p for p in PACKAGE.rglob("*") if p.is_file() and p.suffix in {".py", ".j2", ".css", ".json"})
    return digest(b"".join(p.relative_to(PACKAGE).as_posix().encode() + p.read_bytes() for p in files))
