"""Open the database: create the engine for the configured URL and apply the shipped Alembic migrations."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from sqlalchemy import Engine, create_engine, event

from sdcoach.errors import SdcoachError

MIGRATIONS = Path(__file__).parent / "migrations"
HEAD = "0005"  # the newest migration; a test checks it against Alembic's own head


_ENGINES: dict[str, Engine] = {}
_LOCK = threading.Lock()


def open_database(url: str) -> Engine:
    """The engine for ``url`` (one per process and URL, so its pool is shared), the schema migrated to the newest."""
    with _LOCK:
        if url not in _ENGINES:
            _ENGINES[url] = _migrated(url)
        return _ENGINES[url]


def forget_database(url: str) -> None:
    """Drop the cached engine for ``url`` (after its schema was changed from outside, as tests do)."""
    with _LOCK:
        engine = _ENGINES.pop(url, None)
    if engine is not None:
        engine.dispose()


def _migrated(url: str) -> Engine:
    # wordllama calls logging.basicConfig(level=INFO) on import; keep Alembic's progress lines off the screen
    logging.getLogger("alembic").setLevel(logging.WARNING)

    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    if _is_current(engine):  # the common case: skip importing and running Alembic (about 0.1 s)
        return engine
    from alembic import command
    from alembic.config import Config
    from sqlalchemy.exc import SQLAlchemyError

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    try:
        with engine.begin() as connection:
            if engine.dialect.name == "sqlite":
                # pysqlite runs DDL outside any transaction, so a kill mid-upgrade left tables without their
                # version and every later open failed; one explicit transaction makes the upgrade all or
                # nothing, and IMMEDIATE makes a second process wait, then find the schema already current
                connection.exec_driver_sql("BEGIN IMMEDIATE")
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except SQLAlchemyError as err:
        raise SdcoachError(
            f"Cannot open the session database ({err.__class__.__name__}: {err}).",
            hint="Check SDCOACH_DATABASE_URL or the permissions of the data folder.",
        ) from err
    return engine


def _is_current(engine: Engine) -> bool:
    """Whether the database already has the newest schema."""
    from sqlalchemy import text
    from sqlalchemy.exc import SQLAlchemyError

    try:
        with engine.connect() as connection:
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == HEAD
    except SQLAlchemyError:
        return False


def _sqlite_pragmas(connection: object, _record: object) -> None:
    cursor = connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()
