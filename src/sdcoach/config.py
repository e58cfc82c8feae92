"""Settings: built once at the edge (CLI or web) from SDCOACH_* environment variables and passed down."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_cache_dir, user_config_dir
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


def _default_home() -> Path:
    return Path(user_config_dir("sdcoach", appauthor=False))


class Settings(BaseSettings):
    """Everything sdcoach can be configured with; environment prefix ``SDCOACH_``."""

    model_config = SettingsConfigDict(env_prefix="SDCOACH_", frozen=True, extra="ignore")

    home: Path = Field(
        default_factory=_default_home,
        description="Folder for the user's own packs and data (SDCOACH_HOME).",
    )

    cache_dir: Path = Field(
        default_factory=lambda: Path(user_cache_dir("sdcoach", appauthor=False)),
        description="Where validated content packs are cached (SDCOACH_CACHE_DIR); safe to delete.",
    )
    database_url: str | None = Field(
        default=None,
        description="Where sessions are stored (SDCOACH_DATABASE_URL); default a SQLite file in SDCOACH_HOME.",
    )

    @property
    def database(self) -> str:
        """The SQLAlchemy URL sessions are stored at."""
        return self.database_url or f"sqlite:///{self.home / 'sdcoach.db'}"

    @property
    def user_scenarios_dir(self) -> Path:
        """Where the user's own scenario packs live: ``$SDCOACH_HOME/scenarios``."""
        return self.home / "scenarios"
