"""Settings: built once at the edge (CLI or web) from SDCOACH_* environment variables and passed down."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_cache_dir, user_config_dir
from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

BACKENDS = ("offline", "openai", "anthropic")


def _default_home() -> Path:
    return Path(user_config_dir("sdcoach", appauthor=False))


def config_file() -> Path:
    """The optional settings file: ``$SDCOACH_HOME/config.toml`` (environment variables win over it)."""
    return Path(os.environ.get("SDCOACH_HOME") or _default_home()) / "config.toml"


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

    owner: str = Field(
        default="local",
        description="Whose data commands read and write (SDCOACH_OWNER); the web app sets it to the signed-in user.",
    )
    secret_key: SecretStr | None = Field(
        default=None,
        description="Signs the web app's session cookies (SDCOACH_SECRET_KEY); set it when several workers serve.",
    )
    multi_user: bool = Field(
        default=False,
        description="Web app with accounts, each person seeing only their own data (SDCOACH_MULTI_USER).",
    )
    secure_cookies: bool = Field(
        default=False,
        description="Mark the web session cookie Secure, for a server behind HTTPS (SDCOACH_SECURE_COOKIES).",
    )
    backend: str = Field(
        default="offline",
        description="Which LLM backend phrases the coach (SDCOACH_BACKEND): offline, openai or anthropic.",
    )
    base_url: str | None = Field(
        default=None,
        description="The backend's URL (SDCOACH_BASE_URL), e.g. http://127.0.0.1:8080/v1 for llama.cpp or vLLM.",
    )
    model: str | None = Field(default=None, description="The model name the backend serves (SDCOACH_MODEL).")
    api_key: SecretStr | None = Field(
        default=None, description="A key for the backend (SDCOACH_API_KEY); never stored or logged."
    )
    openai_api_key: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("OPENAI_API_KEY"), description="OpenAI's usual key variable."
    )
    anthropic_api_key: SecretStr | None = Field(
        default=None,
        validation_alias=AliasChoices("ANTHROPIC_API_KEY"),
        description="Anthropic's usual key variable.",
    )
    reply_timeout: float = Field(
        default=20.0,
        gt=0,
        description="Longest wait in seconds for a backend reply, retries included (SDCOACH_REPLY_TIMEOUT).",
    )
    backend_retries: int = Field(
        default=2, ge=0, le=5, description="Retries on 429, 5xx and timeouts (SDCOACH_BACKEND_RETRIES)."
    )

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Arguments, then environment variables, then ``config.toml`` in the home folder."""
        return (init_settings, env_settings, TomlConfigSettingsSource(settings_cls, toml_file=config_file()))

    @property
    def database(self) -> str:
        """The SQLAlchemy URL sessions are stored at."""
        return self.database_url or f"sqlite:///{self.home / 'sdcoach.db'}"

    @property
    def user_scenarios_dir(self) -> Path:
        """Where the user's own scenario packs live: ``$SDCOACH_HOME/scenarios``."""
        return self.home / "scenarios"


def settings_problem(err: Exception) -> str | None:
    """A bad settings value (environment or config.toml) as one sentence naming where to fix it; None for
    any other error."""
    from pydantic import ValidationError

    if not isinstance(err, ValidationError) or err.title != Settings.__name__:
        return None
    first = err.errors(include_url=False)[0]
    name = str(first["loc"][0]) if first["loc"] else "?"
    field = Settings.model_fields.get(name)
    alias = field.validation_alias if field is not None else None
    variable = alias.choices[0] if isinstance(alias, AliasChoices) else f"SDCOACH_{name.upper()}"
    message = str(first["msg"]).rstrip(".")
    return f"The setting {name} ({variable} or {config_file()}) is invalid: {message}; got {first.get('input')!r}."
