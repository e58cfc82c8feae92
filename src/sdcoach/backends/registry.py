"""Build the configured backend from settings; list the backends sdcoach knows.

Keys come from the environment (SDCOACH_API_KEY, or the provider's usual OPENAI_API_KEY /
ANTHROPIC_API_KEY) or the OS keyring (service ``sdcoach``, user = backend name) when the optional
``keyring`` package is installed. They are handed to the SDK and nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass

from sdcoach.backends.base import ChatBackend
from sdcoach.backends.offline import OfflineBackend
from sdcoach.config import BACKENDS, Settings
from sdcoach.errors import BackendError

LOCAL_KEY = "not-needed"  # local OpenAI-compatible servers (llama.cpp, vLLM, Ollama) accept any key


@dataclass(frozen=True)
class BackendInfo:
    """One backend as `sdcoach backends` lists it."""

    name: str
    description: str
    is_configured: bool


DESCRIPTIONS = {
    "offline": "The engine's own words; no server, no key (default).",
    "openai": "Any OpenAI-compatible server: vLLM, Ollama, llama.cpp, LM Studio, or the OpenAI API.",
    "anthropic": "Anthropic's Messages API, or a compatible server at SDCOACH_BASE_URL.",
}


def known_backends(settings: Settings) -> list[BackendInfo]:
    """Every backend, marking the configured one."""
    return [BackendInfo(name, DESCRIPTIONS[name], name == settings.backend) for name in BACKENDS]


def backend_from(settings: Settings) -> ChatBackend:
    """The backend the settings choose; a configuration problem is a ``BackendError`` of kind ``config``."""
    name = settings.backend.lower()
    if name not in BACKENDS:
        raise BackendError(
            "config",
            f"SDCOACH_BACKEND={settings.backend!r} is not a backend.",
            hint=f"Use one of: {', '.join(BACKENDS)}.",
        )
    if name == "offline":
        return OfflineBackend()
    if not settings.model:
        raise BackendError("config", f"The {name} backend needs a model name.", hint="Set SDCOACH_MODEL.")
    key = api_key(settings, name)
    if name == "openai":
        from sdcoach.backends.openai_compat import OpenAIBackend

        if key is None and settings.base_url is None:
            raise BackendError(
                "config",
                "The OpenAI API needs a key.",
                hint="Set OPENAI_API_KEY, or SDCOACH_BASE_URL for a local server.",
            )
        return OpenAIBackend(settings.base_url, settings.model, key or LOCAL_KEY)
    from sdcoach.backends.anthropic_backend import AnthropicBackend

    if key is None:
        raise BackendError(
            "config", "The Anthropic backend needs a key.", hint="Set ANTHROPIC_API_KEY or SDCOACH_API_KEY."
        )
    return AnthropicBackend(settings.base_url, settings.model, key)


def api_key(settings: Settings, name: str) -> str | None:
    """The key for a backend: SDCOACH_API_KEY, the provider's variable, then the OS keyring."""
    provider = settings.openai_api_key if name == "openai" else settings.anthropic_api_key
    for secret in (settings.api_key, provider):
        if secret is not None and secret.get_secret_value():
            return secret.get_secret_value()
    return _keyring_key(name)


def _keyring_key(name: str) -> str | None:
    try:
        import keyring
        from keyring.errors import KeyringError
    except ImportError:
        return None
    try:
        found: str | None = keyring.get_password("sdcoach", name)
    except KeyringError:
        return None
    return found
