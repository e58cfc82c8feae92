"""A cache of validated scenario packs, so a library of twenty packs loads in milliseconds, not seconds.

Each pack file is parsed and validated once; the validated model is pickled under a key made of the
file's path, size, modification time and content hash, sdcoach's version and a fingerprint of the
content model's source, so any edit, upgrade or schema change (a new field in a development checkout,
where the version does not move) misses the cache and re-reads the YAML. The cache is only a speed-up:
any problem reading it falls back to parsing the file.
"""

from __future__ import annotations

import hashlib
import pickle
from functools import cache
from pathlib import Path

from sdcoach import __version__
from sdcoach.content import schema
from sdcoach.content.schema import Scenario


def cached_scenario(path: Path, cache_dir: Path | None) -> Scenario | None:
    """The validated scenario cached for this exact file, or None."""
    if cache_dir is None:
        return None
    try:
        entry = cache_dir / f"{_key(path)}.pickle"  # an unreadable pack misses here and fails, named, when parsed
        with entry.open("rb") as handle:
            value = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError):
        return None
    return value if isinstance(value, Scenario) else None


def store_scenario(path: Path, cache_dir: Path | None, scenario: Scenario) -> None:
    """Remember a validated scenario for this exact file (best effort)."""
    if cache_dir is None:
        return
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        entry = cache_dir / f"{_key(path)}.pickle"
        temporary = entry.with_suffix(".tmp")
        with temporary.open("wb") as handle:
            pickle.dump(scenario, handle, protocol=pickle.HIGHEST_PROTOCOL)
        temporary.replace(entry)
    except OSError:
        return


def _key(path: Path) -> str:
    data = path.read_bytes()
    stat = path.stat()
    material = (
        f"{__version__}|{schema_fingerprint()}|{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}|".encode()
        + hashlib.sha256(data).digest()
    )
    return hashlib.sha256(material).hexdigest()[:32]


@cache
def schema_fingerprint() -> str:
    """A hash of the content model's source: a cached pack made under another schema is never reused."""
    from sdcoach.content import base, room_schema

    digest = hashlib.sha256()
    for module in (base, room_schema, schema):
        digest.update(Path(module.__file__ or "").read_bytes())
    return digest.hexdigest()[:16]
