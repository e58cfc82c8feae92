"""Per-request settings: the app's settings with the signed-in person as the owner of what is read and written."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from sdcoach.config import Settings
from sdcoach.web.security import WebUser, current_user


def user_settings(request: Request, user: Annotated[WebUser, Depends(current_user)]) -> Settings:
    """The settings for this request (owner = the signed-in user, or ``local`` in single-user mode)."""
    settings: Settings = request.app.state.settings
    return settings.model_copy(update={"owner": user.owner})
