"""The interviewer's model of the candidate's design, from the reader: what they named, chose, turned down,
and the figures they stated. Moves are phrased from it, and private notes are written from it.

An interviewer says "you picked Redis" only to someone who picked Redis, and "your Flink job" only to
someone who said Flink: a line that credits the candidate with something (``you said``, ``you picked``,
``your X``) is checked against the words the candidate actually used (and the prompt they were given).
A follow-up on a probe whose wording names another option than the one the candidate said is reworded
with the candidate's own word ("You picked memcached" to someone who said memcached); a gap push is
made neutral ("the training data", not "your training data"), and a line that would tell the candidate
they said something they did not is not used at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sdcoach.engine.figures import figures_in
from sdcoach.engine.reader import Reading
from sdcoach.engine.text import words_of

_CREDITS = re.compile(
    r"\b(?:you said|you mentioned|you picked|you chose|you proposed|you went with|you're using|you use|you rely on)"
    r"\s+(?P<said>[^.,;:?!]+)",
    re.I,
)
_YOUR = re.compile(r"\b(?P<your>[Yy]our)\s+(?P<thing>[\w-]+)(?P<rest>\s+[\w-]+)?")
# Words that name the candidate's answer itself, not something in it: "your design", "your numbers".
_THE_ANSWER = frozenset(
    "design system answer plan approach proposal architecture numbers estimate estimates choice choices "
    "decision decisions assumption assumptions team director view take own first".split()
)
_SUFFIXES = ("ing", "ers", "er", "ed", "es", "s")


@dataclass(frozen=True)
class Design:
    """What the candidate has put forward so far."""

    said: frozenset[str]  # stems of every word they used, and of the prompt they were given
    chosen: tuple[str, ...]  # options they chose ("scylladb")
    rejected: tuple[str, ...]  # options they only turned down ("redis")
    figures: tuple[str, ...]  # figures they stated, as said ("250k calls/s"), most recent last

    def has_said(self, phrase: str) -> bool:
        """Every content word of ``phrase`` is one the candidate (or the prompt) used."""
        content = [w for w in words_of(phrase) if len(w) > 2 and not w.isdigit()]
        return all(stem(w) in self.said for w in content)

    def summary(self) -> str:
        """A one-line private note of the design so far, only from what was said."""
        parts = []
        if self.chosen:
            parts.append("chose " + ", ".join(self.chosen[-4:]))
        if self.rejected:
            parts.append("turned down " + ", ".join(self.rejected[-3:]))
        if self.figures:
            parts.append("stated " + ", ".join(self.figures[-3:]))
        return "; ".join(parts) or "no design stated yet"


def design_of(everything: Reading, prompt: str) -> Design:
    """The design model from the reading of everything the candidate said."""
    text = everything.candidate_text
    said = frozenset(stem(w) for w in (*words_of(text), *words_of(prompt)))
    chosen = tuple(dict.fromkeys(o for c in everything.choices for o in c.chosen))
    rejected = tuple(dict.fromkeys(r for c in everything.choices for r in c.rejected if r not in chosen))
    figures = tuple(f.said for f in figures_in(text) if not f.is_count)
    return Design(said, chosen, rejected, figures)


def stem(word: str) -> str:
    """A crude stem so "ranker"/"ranking" and "trained"/"training" meet."""
    word = word.lower()
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)][:6]
    return word[:6]


def unsupported(line: str, design: Design) -> list[str]:
    """What a line credits the candidate with that they never said."""
    found = [m["said"].strip() for m in _CREDITS.finditer(line) if not design.has_said(m["said"])]
    for match in _YOUR.finditer(line):
        if match["thing"].lower() in _THE_ANSWER:
            continue
        if not design.has_said(match["thing"]):
            found.append(match["thing"] + (match["rest"] or ""))
    return found


def neutral(line: str, design: Design) -> str | None:
    """A gap push as an interviewer would put it to someone who never raised the topic: "your X" becomes
    "the X" where X is not theirs; None when the line says they said or picked something they did not."""
    if any(not design.has_said(m["said"]) for m in _CREDITS.finditer(line)):
        return None

    def the(match: re.Match[str]) -> str:
        if match["thing"].lower() in _THE_ANSWER or design.has_said(match["thing"]):
            return match.group(0)
        article = "The" if match["your"] == "Your" else "the"
        return f"{article} {match['thing']}{match['rest'] or ''}"

    return _YOUR.sub(the, line)


def in_their_words(question: str, cues: tuple[str, ...], said_cue: str) -> str:
    """A follow-up with the option the probe names replaced by the one the candidate said."""
    reworded = question
    for cue in cues:
        if cue.lower() == said_cue.lower() or len(words_of(cue)) != 1:
            continue
        reworded = re.sub(rf"\b{re.escape(cue)}\b", said_cue, reworded, flags=re.I)
    return reworded
