"""argon2 hashing on one low-priority thread per process, so sign-ins never starve the requests around them.

Each hash takes 64 MiB and four threads (argon2-cffi's RFC 9106 profile) and about 0.2 s of CPU, six times an
interview turn. Twenty sign-ins at once took over a gigabyte and held a worker's every other request for
seconds (bench/web_load.py: the pages after sign-in); merely queued, they held the turns behind them instead.
On one thread, they run one at a time; at a lower CPU priority (Linux keeps a nice value per thread, and the
threads argon2 starts inherit it), the pages and turns served meanwhile go first. Same parameters, same work.
"""

from __future__ import annotations

import os
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from functools import cache

# ten steps below the process's own priority: a tenth of a normal thread's CPU share
# when both want the CPU; all of it when nothing else does
NICENESS = 10


def hash_password(password: str) -> str:
    """The argon2 hash of ``password``."""
    return _hashing().submit(_hash, password).result()


def password_matches(password_hash: str, password: str) -> bool:
    """Whether ``password`` is the one ``password_hash`` was made from (False for a malformed hash)."""
    return _hashing().submit(_verify, password_hash, password).result()


def _hash(password: str) -> str:
    from argon2 import PasswordHasher

    return PasswordHasher().hash(password)


def _verify(password_hash: str, password: str) -> bool:
    from argon2 import PasswordHasher
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return PasswordHasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


@cache
def _hashing() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="sdcoach-argon2", initializer=_lower_priority)


def _lower_priority() -> None:
    """Lower this thread's CPU priority below the process's own, which may itself run niced (Linux only:
    elsewhere the nice value is the whole process's)."""
    if sys.platform.startswith("linux"):
        own = os.getpriority(os.PRIO_PROCESS, 0)
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), min(19, own + NICENESS))
