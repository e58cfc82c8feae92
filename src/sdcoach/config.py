"""Settings: built once at the edge (CLI or web) from SDCOACH_* environment variables and config.toml, and
passed down. Every problem with them is a ConfigError naming the variable or the file and line; a secret's
value never appears in one."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Annotated, Any

from platformdirs import user_cache_dir, user_config_dir
from pydantic import AliasChoices, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import (
    BaseSettings,
    NoDecode,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from sdcoach.errors import ConfigError

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
        description="No longer needed: web sessions live in the database (SDCOACH_SECRET_KEY is still accepted).",
    )
    multi_user: bool = Field(
        default=False,
        description="Web app with accounts, each person seeing only their own data (SDCOACH_MULTI_USER).",
    )
    allowed_hosts: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Host names a team server answers to besides loopback (SDCOACH_ALLOWED_HOSTS), comma-separated.",
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

    @field_validator("allowed_hosts", mode="before")
    @classmethod
    def _host_names(cls, value: object) -> object:
        """A comma-separated string or a list; each a bare host name, no scheme or port."""
        names = value.split(",") if isinstance(value, str) else value
        if not isinstance(names, list):
            return names
        cleaned = [str(n).strip().lower() for n in names if str(n).strip()]
        for name in cleaned:
            if not re.fullmatch(r"[a-z0-9.-]+|\[[0-9a-f:.]+\]", name):
                raise ValueError(
                    f"{name!r} is not a bare host name; give names like coach.example.com, no scheme or port"
                )
        return cleaned

    def __init__(self, **values: Any) -> None:
        try:
            super().__init__(**values)
        except ValidationError as err:
            if any(_is_secret(_field_named(str(e["loc"][0]))) for e in err.errors() if e["loc"]):
                raise _settings_error(err) from None  # pydantic's own message quotes the value, even under --debug
            raise _settings_error(err) from err

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
        return (init_settings, env_settings, _ConfigFile(settings_cls, toml_file=config_file()))

    @property
    def database(self) -> str:
        """The SQLAlchemy URL sessions are stored at."""
        return self.database_url or f"sqlite:///{self.home / 'sdcoach.db'}"

    @property
    def user_scenarios_dir(self) -> Path:
        """Where the user's own scenario packs live: ``$SDCOACH_HOME/scenarios``."""
        return self.home / "scenarios"


class _ConfigFile(TomlConfigSettingsSource):
    """config.toml, read so that any problem with it names the file and the line."""

    def _read_files(self, files: Any, deep_merge: bool = False) -> dict[str, Any]:
        path = Path(files)
        if path.exists() and not path.is_file():  # pydantic-settings skips it: the user's settings, silently lost
            raise ConfigError(
                "The settings file is a folder, so none of its settings can be read.",
                path=path,
                hint='Move the folder aside and write config.toml as a text file (name = "value" lines).',
            )
        return super()._read_files(files, deep_merge=deep_merge)

    def _read_file(self, file_path: Any) -> dict[str, Any]:
        return read_config(Path(file_path))


def read_config(path: Path) -> dict[str, Any]:
    """The settings in a config.toml; unreadable, not UTF-8, not TOML or an unknown key is a ConfigError."""
    import tomllib

    try:
        data = path.read_bytes()
    except OSError as err:
        raise ConfigError(f"Cannot read the settings file ({err.strerror or err}).", path=path) from err
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        hint = "Save config.toml as UTF-8 text."
        raise ConfigError(
            f"The settings file is not UTF-8 (byte {data[err.start]:#04x}).", path=path, line=line, hint=hint
        ) from err
    try:
        values = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        problem = _toml_error(err, text, path)
        if problem.field is not None and _is_secret(problem.field):
            raise problem from None
        raise problem from err
    for key in values:
        if key not in _known_keys():
            raise _unknown_key(key, text, path)
    return values


def _toml_error(err: Exception, text: str, path: Path) -> ConfigError:
    """tomllib's message as one sentence at its line; never a secret's characters."""
    found = re.fullmatch(r"(.*) \(at line (\d+), column (\d+)\)", str(err))
    message, line = (found.group(1), int(found.group(2))) if found else (str(err), None)
    key = _key_on(text, line) if line is not None else None
    if _is_secret(key):
        message = re.sub(r" ?'[^']*'", "", message)
    column = f" (column {found.group(3)})" if found else ""
    return ConfigError(
        f"This is not valid TOML: {message.rstrip('.')}{column}.",
        path=path,
        line=line,
        field=_field_named(key) if key else None,
        hint='Write each setting on its own line as name = "value", text in double quotes.',
    )


def _unknown_key(key: str, text: str, path: Path) -> ConfigError:
    from difflib import get_close_matches

    known = {k.lower(): k for k in _known_keys()}
    near = get_close_matches(key.lower(), list(known), n=1, cutoff=0.6)
    hint = f"Did you mean {known[near[0]]!r}?" if near else f"Known settings: {', '.join(sorted(known.values()))}."
    line = next((n for n, row in enumerate(text.splitlines(), 1) if _key_of(row) == key), None)
    return ConfigError(f"There is no setting called {key!r}.", path=path, line=line, hint=hint)


def _known_keys() -> frozenset[str]:
    keys: set[str] = set()
    for name, field in Settings.model_fields.items():
        alias = field.validation_alias
        if isinstance(alias, AliasChoices):
            keys.update(str(c) for c in alias.choices)
        else:
            keys.add(name)
    return frozenset(keys)


def _key_of(row: str) -> str | None:
    found = re.match(r"\s*[\"']?([A-Za-z0-9_.-]+)[\"']?\s*=", row)
    return found.group(1) if found else None


def _key_on(text: str, line: int) -> str | None:
    rows = text.splitlines()
    return _key_of(rows[line - 1]) if 0 < line <= len(rows) else None


def _is_secret(name: str | None) -> bool:
    """Whether a setting (by field name or alias) holds a secret: its value is never shown."""
    for field_name, field in Settings.model_fields.items():
        alias = field.validation_alias
        names = {field_name, *(alias.choices if isinstance(alias, AliasChoices) else [])}
        if name is not None and name.lower() in {str(n).lower() for n in names}:
            return "SecretStr" in str(field.annotation)
    return False


def _settings_error(err: ValidationError) -> ConfigError:
    """A bad settings value as one sentence naming where it was set and what it should be."""
    problems = err.errors(include_url=False)
    first = problems[0]
    name = _field_named(str(first["loc"][0]) if first["loc"] else "?")
    field = Settings.model_fields.get(name)
    alias = field.validation_alias if field is not None else None
    variable = str(alias.choices[0]) if isinstance(alias, AliasChoices) else f"SDCOACH_{name.upper()}"
    path, line = (None, None) if variable in os.environ else _where_in_config(name)
    where = variable if variable in os.environ else f"{variable} or {config_file()}"
    message = str(first["msg"]).rstrip(".")
    given = first.get("input")
    shown = "a value that is hidden because it is a secret" if _is_secret(name) else repr(given)
    more = len(problems) - 1
    hint = f"({more} more problem{'s' if more != 1 else ''} in the settings.)" if more else None
    text = f"The setting {name} ({where}) is invalid: {message}; got {shown}."
    return ConfigError(text, path=path, line=line, hint=hint)


def _field_named(name: str) -> str:
    """The field a name (a field's own or an alias such as OPENAI_API_KEY) stands for."""
    for field_name, field in Settings.model_fields.items():
        alias = field.validation_alias
        if name == field_name or (isinstance(alias, AliasChoices) and name in alias.choices):
            return field_name
    return name


def _where_in_config(name: str) -> tuple[Path | None, int | None]:
    """config.toml and the line that sets a field, when it does."""
    path = config_file()
    try:
        rows = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None, None
    for number, row in enumerate(rows, start=1):
        key = _key_of(row)
        if key is not None and _field_named(key) == name:
            return path, number
    return None, None
