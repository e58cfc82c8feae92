"""Open the database: create the engine for the configured URL and apply the shipped Alembic migrations.

A database sdcoach cannot use (made by a newer sdcoach, damaged, in a folder that cannot be written, a URL that
does not parse) is a StoreError or ConfigError naming the file and what to do, here and on every later query.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from sqlalchemy import Connection, Engine, ExceptionContext, create_engine, event, text

from sdcoach.errors import ConfigError, StoreError

MIGRATIONS = Path(__file__).parent / "migrations"
HEAD = "0008"  # the newest migration; a test checks it against Alembic's own head
SCHEMA_WAIT_S = 120.0  # how long a process opening SQLite waits for another one's migrations


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
    engine = engine_for(url)
    if not _is_current(engine):  # the common case: skip importing and running Alembic (about 0.1 s)
        migrate(engine)
    return engine


def migrate(engine: Engine) -> bool:
    """Bring the schema to the newest migration; True when this call applied any.

    Several processes may open a new or older database at once (the web app's workers starting). Each takes
    the schema lock first (a PostgreSQL advisory lock; on SQLite the write lock, waited for up to
    ``SCHEMA_WAIT_S``), then reads the version under it: one applies the migrations, the others find them
    applied. An upgrade is one transaction, so a kill mid-upgrade leaves the database as it was."""
    # wordllama calls logging.basicConfig(level=INFO) on import; keep Alembic's progress lines off the screen
    logging.getLogger("alembic").setLevel(logging.WARNING)
    from alembic import command
    from alembic.config import Config
    from alembic.script import ScriptDirectory
    from sqlalchemy.exc import SQLAlchemyError

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    known = {s.revision for s in ScriptDirectory.from_config(config).walk_revisions()}
    try:
        found = _version_of(engine)
        if found is not None and found not in known:
            raise _newer(engine, found)
        with engine.begin() as connection:
            _lock_schema(connection)
            if _version_in(connection) == HEAD:
                return False
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
            return True
    except SQLAlchemyError as err:
        raise StoreError(
            f"Cannot open the session database {_where(engine)} ({_reason(err)}).",
            hint="Check SDCOACH_DATABASE_URL, and that the server is running or the folder can be written.",
        ) from err


def _lock_schema(connection: Connection) -> None:
    """Within the upgrade's transaction: wait until no other process is migrating this database."""
    if connection.dialect.name == "postgresql":
        from sdcoach.store.turn_gate import lock_key

        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": lock_key("schema", "migrations")})
    elif connection.dialect.name == "sqlite":
        # pysqlite runs DDL outside any transaction, so a kill mid-upgrade left tables without their version and
        # every later open failed; one explicit transaction makes the upgrade all or nothing, and IMMEDIATE makes
        # a second process wait (longer than pysqlite's 5 s: several workers start at once on a busy machine)
        connection.exec_driver_sql(f"PRAGMA busy_timeout = {int(SCHEMA_WAIT_S * 1000)}")
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def _version_in(connection: Connection) -> str | None:
    from sqlalchemy import inspect

    if not inspect(connection).has_table("alembic_version"):
        return None
    found = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return str(found) if found is not None else None


def _reason(err: Exception) -> str:
    """The database's own words, first line only: never the SQL statement SQLAlchemy appends."""
    reason = str(getattr(err, "orig", None) or err)
    return reason.split("\n", 1)[0].split(" [SQL:", 1)[0].strip()


def engine_for(url: str) -> Engine:
    """The engine for a URL, its folder made for SQLite; a URL that cannot be used is the user's to fix."""
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError

    try:
        engine = create_engine(url)
    except (ArgumentError, NoSuchModuleError, ImportError) as err:
        raise ConfigError(
            f"SDCOACH_DATABASE_URL cannot be used: {err}.",
            hint="Give an SQLAlchemy URL such as sqlite:////home/me/sdcoach.db or postgresql+psycopg://host/db.",
        ) from err
    if engine.dialect.name == "sqlite":
        _make_folder(engine)
        event.listen(engine, "connect", _sqlite_pragmas)
    event.listen(engine, "handle_error", _explain_error)
    return engine


def _make_folder(engine: Engine) -> None:
    database = engine.url.database
    if not database or database == ":memory:":
        return
    folder = Path(database).parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        blocked = next((p for p in (folder, *folder.parents) if p.exists() and not p.is_dir()), None)
        reason = f"{blocked} is a file, not a folder" if blocked else err.strerror or str(err)
        raise StoreError(
            f"Cannot make the folder the session database goes in ({reason}).",
            path=database,
            hint="Set SDCOACH_HOME (or SDCOACH_DATABASE_URL) to a folder you can write to.",
        ) from err


def _explain_error(context: ExceptionContext) -> None:
    """SQLite's own words for a file it cannot use, turned into what to do about it (on any query)."""
    engine = context.engine
    if engine is None or engine.dialect.name != "sqlite":
        return
    detail = str(context.original_exception)
    if any(sign in detail for sign in ("file is not a database", "malformed", "file is encrypted")):
        raise StoreError(
            f"The session database is damaged ({detail}).",
            path=engine.url.database,
            hint=f"Move it aside (mv {engine.url.database} {engine.url.database}.damaged) and sdcoach starts a new "
            "one. If you have a backup copy, `sdcoach history export` run on it (SDCOACH_DATABASE_URL=sqlite:///COPY) "
            "and `sdcoach history import` here bring your history back.",
        ) from context.original_exception
    if any(sign in detail for sign in ("readonly database", "unable to open database file", "disk is full")):
        raise StoreError(
            f"Cannot open or write the session database ({detail}).",
            path=engine.url.database,
            hint="Check the file and its folder can be written (and the disk has room), or set SDCOACH_HOME "
            "to a folder you can write to.",
        ) from context.original_exception


def _newer(engine: Engine, found: str) -> StoreError:
    from sdcoach import __version__

    return StoreError(
        f"The session database {_where(engine)} was made by a newer sdcoach: its schema is at migration {found}, "
        f"and this sdcoach ({__version__}) knows migrations up to {HEAD}.",
        hint="Upgrade sdcoach (pip install --upgrade sdcoach) to open it, or set SDCOACH_DATABASE_URL to another "
        "database.",
    )


def _where(engine: Engine) -> str:
    """The database as a person names it: the SQLite file, or the URL with its password hidden."""
    if engine.dialect.name == "sqlite" and engine.url.database:
        return engine.url.database
    return engine.url.render_as_string(hide_password=True)


def _version_of(engine: Engine) -> str | None:
    """The migration the database is at; None for a new, empty one."""
    with engine.connect() as connection:
        return _version_in(connection)


def _is_current(engine: Engine) -> bool:
    """Whether the database already has the newest schema."""
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
