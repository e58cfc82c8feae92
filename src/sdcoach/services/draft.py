"""`sdcoach scenario draft`: a backend drafts a scenario pack; sdcoach validates and lints it, feeds the
errors back, retries a bounded number of times, and saves the result in the user's folder for review.

The draft is only ever data: it is parsed as YAML and validated by the content model, never executed, and
a pack that passes still goes to the user's folder, not the built-in library. A draft that never passes
is kept in ``$SDCOACH_HOME/drafts`` with its problems, so the work is not lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from sdcoach.backends.base import Message
from sdcoach.config import Settings
from sdcoach.content.loader import PACKS_DIR, load_framework, parse_model
from sdcoach.content.schema import Scenario
from sdcoach.content.yaml_source import parse_yaml
from sdcoach.errors import ContentError, UsageError
from sdcoach.services.coach import Coach, as_data, prompt
from sdcoach.services.content_check import Minimums, lint_scenario
from sdcoach.services.input_size import require_input_size

ATTEMPTS = 3
MAX_TOKENS = 8000
DEADLINE_S = 600.0  # a whole pack takes minutes on a local model; an interview turn never waits this long
_FENCE = re.compile(r"^```(?:ya?ml)?\s*\n|\n```\s*$")


@dataclass(frozen=True)
class Draft:
    """Where the draft was saved, how many attempts it took, and whether it passed every check."""

    path: Path
    attempts: int
    is_clean: bool
    problems: tuple[str, ...]


def draft_scenario(design_prompt: str, settings: Settings, coach: Coach, attempts: int = ATTEMPTS) -> Draft:
    """Ask the backend for a pack until it validates and lints clean (at most ``attempts`` times)."""
    if not design_prompt.strip():
        raise UsageError('Give the design question, e.g. sdcoach scenario draft "design a fraud detection platform".')
    require_input_size(design_prompt, "The design question")
    if coach.is_offline:
        raise UsageError(
            "Drafting a scenario needs an LLM backend; sdcoach is offline.",
            hint="Set SDCOACH_BACKEND, SDCOACH_MODEL (and SDCOACH_BASE_URL for a local server), or use "
            '`sdcoach walkthrough --prompt "..."` for an offline scaffold.',
        )
    messages = [
        Message("system", _system_prompt()),
        Message("user", f"<prompt>\n{as_data(design_prompt, 'prompt')}\n</prompt>"),
    ]
    text, problems = "", ["no reply"]
    for attempt in range(1, attempts + 1):
        text = _unfenced(coach.word(tuple(messages), "", lambda reply: None, MAX_TOKENS, DEADLINE_S).text)
        if not text:
            problems = ["the backend gave no usable reply (see SDCOACH_REPLY_TIMEOUT)"]
            break
        scenario, problems = _check(text, attempt)
        if scenario is not None and not problems:
            slug = _free_slug(scenario.slug, settings)
            text = re.sub(r"^slug:.*$", f"slug: {slug}", text, count=1, flags=re.MULTILINE)
            return Draft(_save(settings.user_scenarios_dir, slug, text), attempt, True, ())
        feedback = "Fix these problems and reply with the whole corrected YAML only:\n" + "\n".join(
            f"- {p}" for p in problems
        )
        messages += [Message("assistant", text), Message("user", feedback)]
    kept = _save(settings.home / "drafts", _slug_of(text), text or "# the backend gave no reply\n")
    return Draft(kept, attempts, False, tuple(problems))


def _system_prompt() -> str:
    m = Minimums()
    minimums = (
        f"{m.clarifying_questions} clarifying questions ({m.non_functional_questions} non-functional ones answered by "
        f"facts with numbers), {m.facts} facts, {m.components} components, {m.tradeoffs} tradeoffs, {m.failure_modes} "
        f"failure modes, {m.influence_tips} influence tips including one for a director, {m.probes} probes including "
        f"{m.curveballs} curveballs and {m.org_alignment_probes} org_alignment probes, {m.references} references, "
        "and stakeholders with at least 2 director facts (one on cost, with a figure) and 2 pm facts (one on the "
        "surface that matters most)"
    )
    items = ", ".join(load_framework().item_ids())
    example = (PACKS_DIR / "examples" / "scenario_shape.yaml").read_text(encoding="utf-8")
    return prompt("draft").format(minimums=minimums, items=items, example=example)


def _check(text: str, attempt: int) -> tuple[Scenario | None, list[str]]:
    """Parse, validate and lint a draft; the problems as sentences the backend can act on."""
    where = Path(f"draft-{attempt}.yaml")
    try:
        scenario = parse_model(Scenario, parse_yaml(text, where))
    except ContentError as err:
        return None, [str(err)]
    return scenario, [str(f) for f in lint_scenario(scenario, load_framework())]


def _free_slug(slug: str, settings: Settings) -> str:
    """The slug, or slug-2, slug-3 ... when a built-in or user pack already has it (a draft never shadows one)."""
    from sdcoach.services.library import open_library

    taken = {e.scenario.slug for e in open_library(settings).entries}
    candidate, n = slug, 2
    while candidate in taken:
        candidate, n = f"{slug}-{n}", n + 1
    return candidate


def _unfenced(text: str) -> str:
    return _FENCE.sub("", text.strip()).strip()


def _slug_of(text: str) -> str:
    match = re.search(r"^slug:\s*([a-z0-9-]+)\s*$", text, re.MULTILINE)
    return match.group(1) if match else "draft"


def _save(folder: Path, slug: str, text: str) -> Path:
    """Write ``slug.yaml`` in ``folder`` without replacing anything already there."""
    folder.mkdir(parents=True, exist_ok=True)
    path, n = folder / f"{slug}.yaml", 2
    while path.exists():
        path, n = folder / f"{slug}-{n}.yaml", n + 1
    path.write_text(text.rstrip() + "\n", encoding="utf-8")
    return path
