"""Anthropic's Messages API (or a compatible server) through the official SDK, imported when built.

As with the OpenAI backend, retries belong to ``retry``; a stream without ``message_stop`` is truncated.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sdcoach.backends.base import ChatRequest, system_and_turns
from sdcoach.backends.sdk_errors import broken_stream, error_from
from sdcoach.errors import BackendError


class AnthropicBackend:
    """Messages against ``base_url`` (default Anthropic's API) with ``model``."""

    name = "anthropic"
    is_offline = False

    def __init__(self, base_url: str | None, model: str, api_key: str) -> None:
        import anthropic

        self.model = model
        self.base_url = base_url
        self._anthropic = anthropic
        self._client = anthropic.Anthropic(base_url=base_url, api_key=api_key, max_retries=0)

    def complete(self, request: ChatRequest) -> str:
        """The whole reply."""
        try:
            response = self._client.messages.create(**self._arguments(request))
            text = "".join(block.text for block in response.content if getattr(block, "type", "") == "text")
        except self._anthropic.AnthropicError as err:
            raise self._error(err) from err
        except (ValueError, AttributeError, TypeError) as err:
            raise BackendError("malformed", f"The server's reply could not be read ({err}).") from err
        if not text.strip():
            raise BackendError("malformed", "The server sent an empty reply.")
        return text

    def stream(self, request: ChatRequest) -> Iterator[str]:
        """The reply as it arrives."""
        finished, produced = False, False
        try:
            for event in self._client.messages.create(**self._arguments(request), stream=True):
                kind = getattr(event, "type", "")
                if kind == "content_block_delta" and getattr(event.delta, "type", "") == "text_delta":
                    produced = produced or bool(event.delta.text)
                    yield event.delta.text
                finished = finished or kind == "message_stop"
        except self._anthropic.AnthropicError as err:
            raise self._error(err) from err
        except (ValueError, AttributeError, TypeError) as err:
            raise BackendError("malformed", f"The server's stream could not be read ({err}).") from err
        except Exception as err:  # the HTTP layer's own errors when a stream breaks mid-way
            broken = broken_stream(err)
            if broken is None:
                raise
            raise broken from err
        if not finished:
            raise BackendError("malformed", "The stream ended before the reply was finished.")
        if not produced:
            raise BackendError("malformed", "The server streamed an empty reply.")

    def _arguments(self, request: ChatRequest) -> dict[str, Any]:
        system, turns = system_and_turns(request.messages)
        arguments: dict[str, Any] = {
            "model": self.model,
            "messages": [{"role": m.role, "content": m.content} for m in turns],
            "max_tokens": request.limits.max_tokens,
            "timeout": request.limits.timeout_s,
        }
        if system:
            arguments["system"] = system
        return arguments

    def _error(self, err: Exception) -> BackendError:
        where = self.base_url or "the Anthropic API"
        return error_from(self._anthropic, err, where, self.model, "ANTHROPIC_API_KEY")
