"""Any OpenAI-compatible server (vLLM, Ollama, llama.cpp, LM Studio, a hosted API) through the official SDK.

The SDK is imported when the backend is built, never at start-up. Its own retries are off: ``retry``
owns them, inside the reply deadline. A stream that ends without a finish reason is truncated, and is
reported as malformed rather than shown as if it were whole.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sdcoach.backends.base import ChatRequest
from sdcoach.backends.sdk_errors import broken_stream, error_from
from sdcoach.errors import BackendError


class OpenAIBackend:
    """Chat completions against ``base_url`` with ``model``."""

    name = "openai"
    is_offline = False

    def __init__(self, base_url: str | None, model: str, api_key: str) -> None:
        import openai

        self.model = model
        self.base_url = base_url
        self._openai = openai
        self._client = openai.OpenAI(base_url=base_url, api_key=api_key, max_retries=0)

    def complete(self, request: ChatRequest) -> str:
        """The whole reply."""
        try:
            response = self._client.chat.completions.create(**self._arguments(request), stream=False)
            text: str | None = response.choices[0].message.content if response.choices else None
        except self._openai.OpenAIError as err:
            raise self._error(err) from err
        except (ValueError, AttributeError, IndexError) as err:
            raise BackendError("malformed", f"The server's reply could not be read ({err}).") from err
        if not text or not text.strip():
            raise BackendError("malformed", "The server sent an empty reply.")
        return text

    def stream(self, request: ChatRequest) -> Iterator[str]:
        """The reply as it arrives."""
        finished, produced = False, False
        try:
            for chunk in self._client.chat.completions.create(**self._arguments(request), stream=True):
                if not chunk.choices:
                    continue
                choice = chunk.choices[0]
                if choice.delta and choice.delta.content:
                    produced = True
                    yield choice.delta.content
                finished = finished or bool(choice.finish_reason)
        except self._openai.OpenAIError as err:
            raise self._error(err) from err
        except (ValueError, AttributeError) as err:
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
        return {
            "model": self.model,
            "messages": [{"role": m.role, "content": m.content} for m in request.messages],
            "max_tokens": request.limits.max_tokens,
            "timeout": request.limits.timeout_s,
        }

    def _error(self, err: Exception) -> BackendError:
        where = self.base_url or "the OpenAI API"
        return error_from(self._openai, err, where, self.model, "OPENAI_API_KEY")
