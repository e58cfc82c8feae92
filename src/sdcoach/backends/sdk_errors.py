"""The official SDKs' errors as sdcoach's ``BackendError``: both SDKs name their exceptions alike."""

from __future__ import annotations

from types import ModuleType

from sdcoach.errors import BackendError

HTTP_LAYERS = frozenset({"httpx", "httpx2", "httpcore", "httpcore2", "h11"})


def error_from(sdk: ModuleType, err: Exception, where: str, model: str, key_variable: str) -> BackendError:
    """The ``BackendError`` (its kind and what to check) for an exception the openai or anthropic SDK raised."""
    if isinstance(err, sdk.APITimeoutError):
        return BackendError("timeout", f"{where} did not answer in time.")
    if isinstance(err, sdk.APIConnectionError):
        return BackendError(
            "unreachable", f"Cannot reach {where}.", hint="Is the server running? Check SDCOACH_BASE_URL."
        )
    if isinstance(err, (sdk.AuthenticationError, sdk.PermissionDeniedError)):
        return BackendError("auth", f"{where} refused the key.", hint=f"Check {key_variable} or SDCOACH_API_KEY.")
    if isinstance(err, sdk.NotFoundError):
        return BackendError(
            "unknown_model", f"{where} does not serve the model {model!r}.", hint="Check SDCOACH_MODEL."
        )
    if isinstance(err, sdk.RateLimitError):
        return BackendError("rate_limited", f"{where} is rate limiting (429).")
    if isinstance(err, sdk.APIStatusError) and err.status_code >= 500:
        return BackendError("server", f"{where} failed with {err.status_code}.")
    if isinstance(err, sdk.APIStatusError):
        return BackendError("rejected", f"{where} rejected the request ({err.status_code}).")
    return BackendError("malformed", f"The reply from {where} could not be read ({type(err).__name__}).")


def broken_stream(err: Exception) -> BackendError | None:
    """A stream cut off in the HTTP layer (not by the SDK) as a malformed reply; None for any other error."""
    if type(err).__module__.split(".")[0] not in HTTP_LAYERS:
        return None
    return BackendError("malformed", f"The stream broke off ({type(err).__name__}).")
