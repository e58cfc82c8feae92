"""The context an interview runs on (scenario, packs and similarity models), built once per process and scenario.

Building one reads the whole scenario and framework for their vocabulary, which was a tenth of every turn's
time when each request built it again. Every part is immutable (frozen content models from the library's
cache, which hands out new objects when a pack file changes, and the process's shared similarity models), so
a context is reused only while it was built from the very same objects, and a changed pack gets a new one.
"""

from __future__ import annotations

import threading

from sdcoach.config import Settings
from sdcoach.content.schema import Scenario
from sdcoach.engine.coverage import Similarity
from sdcoach.engine.interview import Context
from sdcoach.services.grading import interviewer_pack, method
from sdcoach.services.library import find_scenario

_BUILT: dict[str, tuple[tuple[object, ...], Context]] = {}  # scenario slug -> (the parts, the context built of them)
_LOCK = threading.Lock()


def interview_context(settings: Settings, slug: str, similarity: Similarity, meaning: Similarity) -> Context:
    """The context for the scenario ``slug`` with these similarity models (the same object while nothing changed)."""
    scenario = find_scenario(settings, slug).scenario
    return context_of(scenario, similarity, meaning)


def context_of(scenario: Scenario, similarity: Similarity, meaning: Similarity) -> Context:
    """The context built from exactly these parts: reused when every part is the same object as last time."""
    parts = method()
    inputs = (scenario, parts.framework, parts.grading, interviewer_pack(), similarity, meaning)
    with _LOCK:
        built = _BUILT.get(scenario.slug)
    if built is not None and all(old is new for old, new in zip(built[0], inputs, strict=True)):
        return built[1]
    context = Context(scenario, parts.framework, parts.grading, interviewer_pack(), similarity, meaning)
    with _LOCK:
        _BUILT[scenario.slug] = (inputs, context)
    return context
