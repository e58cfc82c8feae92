"""The words of the scorecard's debrief: sentence templates the engine fills with the candidate's own evidence
(quotes, item titles, figures), so a rationale is built from what happened, never picked from a fixed four."""

from __future__ import annotations

from pydantic import Field

from sdcoach.content.base import Model, Text


class DebriefWords(Model):
    """Templates for the committee write-up; placeholders in braces are filled by ``engine/debrief.py``."""

    coverage: Text = Field(description="{level}, {covered} and {assessed}: items covered of those assessed")
    strongest: Text = Field(description="{items}: the strongest covered items")
    held_back: Text = Field(description="{items}: the highest-weight items never covered")
    mistake: Text = Field(description="{stated} and {corrected}: a figure that stood")
    mistake_unchecked: Text = Field(description="{stated}: a figure that stood, when it cannot be recomputed")
    not_assessed: Text = Field(description="{count}: items in phases the interview never reached")
    set_aside: Text = Field(description="{count}: sentences set aside as not evidence")
    moment_strength: Text = Field(description="{item}: what a quoted sentence showed")
    moment_mistake: Text = Field(description="{stated} and {corrected}: what a quoted wrong figure showed")
    missed_failure: Text = Field(description="{name}: a scenario failure mode the answer never touched")
    level_held: Text | None = Field(
        default=None, description="{level}, {above} and {items}: an interview held below its band by must-haves"
    )
    level_short: Text | None = Field(
        default=None,
        description="{level}, {above}, {what}, {share} and {needed}: held below its band by a share of its sentences",
    )
