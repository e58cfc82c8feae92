"""Checks on a backend's wording: the engine decides, the backend phrases, and this decides if the phrasing
may be shown. Each check returns the reason a reply is set aside, or None when it may be shown.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from sdcoach.content.phrasing_schema import PhrasingRules
from sdcoach.engine.specificity import phrase_pattern
from sdcoach.engine.text import words_of

_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def numbers_in(text: str) -> set[str]:
    """The numbers a text states, normalised (``1,200`` and ``1200`` are the same number)."""
    found = set()
    for match in _NUMBER.findall(text):
        plain = match.replace(",", "")
        found.add(plain.rstrip("0").rstrip(".") if "." in plain else plain)
    return found


def interviewer_problem(
    reply: str,
    draft: str,
    material: str,
    candidate: str,
    private: Sequence[str],
    answer_spaces: Sequence[str],
    technologies: Iterable[str],
    rules: PhrasingRules,
) -> str | None:
    """Why the backend's wording of an interviewer turn may not be shown (None when it may).

    ``draft`` is the engine's wording; ``material`` what the reply may draw on (the draft, and the
    scenario's facts when a question had no direct fact); ``private`` the interviewer's notes."""
    low = reply.lower()
    limit = max(rules.max_words_floor, rules.max_words_factor * len(words_of(draft)))
    if len(words_of(reply)) > limit:
        return f"too long ({len(words_of(reply))} words, limit {limit:.0f})"
    extra = numbers_in(reply) - numbers_in(material) - numbers_in(candidate)
    if extra:
        return f"states numbers not in the facts ({', '.join(sorted(extra))})"
    known = f"{material} {candidate}".lower()
    named = {m.group(0) for m in phrase_pattern(tuple(technologies)).finditer(low)}
    unknown = sorted(n for n in named if n not in known)
    if unknown:
        return f"names systems the engine did not ({', '.join(unknown)})"
    if phrase_pattern(rules.leak_cues).search(low) or any(_contains(low, note) for note in private):
        return "reveals the interviewer's private notes or instructions"
    if phrase_pattern(rules.persona_breaks).search(low):
        return "steps out of the interviewer's persona"
    if any(_shares_run(low, space.lower(), rules.giveaway_shingle, draft.lower()) for space in answer_spaces):
        return "gives away the answer the probe is looking for"
    if draft.rstrip().endswith("?") and "?" not in reply:
        return "drops the question the engine asked"
    return None


def grounded_problem(reply: str, sources: str, rules: PhrasingRules, citations: int = 0) -> str | None:
    """Why a coaching text (narrative, answer) may not be shown: numbers not in its sources, leaks, or
    (when ``citations`` sources were given) no valid citation."""
    extra = numbers_in(re.sub(r"\[\d+\]", " ", reply)) - numbers_in(sources)
    if extra:
        return f"states numbers not in its sources ({', '.join(sorted(extra))})"
    if phrase_pattern(rules.persona_breaks).search(reply.lower()) and "as an ai" in reply.lower():
        return "steps out of the coach's voice"
    if phrase_pattern(tuple(c for c in rules.leak_cues if c not in {"rubric", "scorecard"})).search(reply.lower()):
        return "talks about its instructions"
    if citations:
        cited = {int(n) for n in re.findall(r"\[(\d+)\]", reply)}
        if not cited or not cited <= set(range(1, citations + 1)):
            return "cites no source, or a source that does not exist"
    return None


def _contains(text: str, note: str) -> bool:
    """A private note counts as leaked when four or more of its words appear in a row."""
    words = words_of(note)
    return len(words) >= 4 and _shares_run(text, " ".join(words), 4, "")


def _shares_run(text: str, secret: str, size: int, allowed: str) -> bool:
    """Whether ``text`` repeats ``size`` words in a row from ``secret`` that ``allowed`` does not contain."""
    mine = words_of(text)
    runs = {" ".join(mine[i : i + size]) for i in range(len(mine) - size + 1)}
    theirs = words_of(secret)
    secret_runs = {" ".join(theirs[i : i + size]) for i in range(len(theirs) - size + 1)}
    free = words_of(allowed)
    allowed_runs = {" ".join(free[i : i + size]) for i in range(len(free) - size + 1)}
    return bool((runs & secret_runs) - allowed_runs)
