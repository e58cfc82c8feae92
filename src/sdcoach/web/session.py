"""Per-request settings: the app's settings with the signed-in person as the owner of what is read and written."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated

from fastapi import Depends, Request

from sdcoach.config import Settings
from sdcoach.web.security import WebUser, current_user

if TYPE_CHECKING:
    from sdcoach.services.interviews import Interviews


def user_settings(request: Request, user: Annotated[WebUser, Depends(current_user)]) -> Settings:
    """The settings for this request (owner = the signed-in user, or ``local`` in single-user mode)."""
    settings: Settings = request.app.state.settings
    return settings.model_copy(update={"owner": user.owner})


def interviews_for(request: Request, settings: Settings, clock: Callable[[], float] | None = None) -> Interviews:
    """The interview service for this request, sharing the app's backend (built once at start)."""
    from sdcoach.services.interview_lock import WEB
    from sdcoach.services.interviews import Interviews

    if clock is None:
        return Interviews(settings, coach=request.app.state.coach, client=WEB)
    return Interviews(settings, clock=clock, coach=request.app.state.coach, client=WEB)


def interview_clock() -> float:
    """Wall-clock seconds, for interviews driven by requests."""
    return time.time()
