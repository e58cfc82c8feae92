"""The interviewer's move policy, in the order it is tried on every candidate turn.

1. Answer the questions the candidate asked, from the scenario's facts (the reader maps each question to
   the reference question it asks and that question's fact).
2. Probe a calculation whose stated result is off by 2x or more (``engine/arithmetic.py``, without the answer).
3. Move to the next phase when its time is spent or its items are covered, or follow the candidate there
   when their turn is mostly about a later phase.
4. Follow up on something the candidate just said (a probe whose trigger cues appear in the turn, never
   on an option the candidate turned down).
5. Once per phase, from the scale phase on: a curveball; from the tradeoff phase on: org alignment.
6. Push on the highest-weight uncovered item of the phase: a scenario probe, else a generic prompt.
Nothing is asked twice; a turn with nothing usable, a repeated turn, or text aimed at the grader gets a
short, non-repeating redirect instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from sdcoach.content.interviewer_schema import IntentKey
from sdcoach.content.schema import Probe, ProbeKind
from sdcoach.engine.interview import Context, InterviewState, Note, NoteKind, Speaker
from sdcoach.engine.reader import Asked, Reading, match_questions
from sdcoach.engine.spoken import questions_in
from sdcoach.engine.tamper import Flag
from sdcoach.engine.text import sentences_of, words_of

LATE_PHASES = ("scale", "tradeoff", "failure", "influence")
ORG_PHASES = ("tradeoff", "influence")


@dataclass(frozen=True)
class Move:
    """One thing to say, the private note on why, and the probe it opens (for /hint)."""

    text: str
    note: Note
    probe_id: str | None = None
    item: str | None = None
    told: tuple[str, int] | None = None  # a fact answered, and how many of its sentences are now said
    also: tuple[Note, ...] = ()  # further items the same words ask about (the pitch asks for the summary too)


BRIEF_WORDS = 22  # a first sentence this long is a whole answer on its own
SHORT_TURN = 8  # a turn this short with no question in it may still be "tell me more"


def answers_to_questions(reading: Reading, state: InterviewState, context: Context) -> list[Move]:
    """Rule 1: one short answer per question asked, the way a person answers.

    A question about the system gets the first sentence or two of its fact (the rest on "tell me more");
    a question about the interview itself ("does that order work?") gets a reply from the pack's
    intents, recognised by meaning; "not specified" only when nothing answers, with the assumption to
    make when the scenario holds one."""
    questions = [a.text for a in reading.asked]
    words = words_of(reading.candidate_text)
    short = not questions and 0 < len(words) <= SHORT_TURN
    texts = [*questions, *([reading.candidate_text] if short else [])]
    intents = _intents_of(texts, context)
    moves: list[Move] = []
    seen: set[str] = set()
    unanswered: list[str] = []
    for index, intent in enumerate(intents):
        asked = reading.asked[index] if index < len(reading.asked) else None
        if asked is not None and intent is not None and intent[0] is IntentKey.ASSUME:
            asked = _what_is_assumed(asked, context)
        question = context.scenario.question(asked.question_id) if asked and asked.question_id else None
        answerable = question is not None and (question.fact is not None or question.assume is not None)
        score = asked.score if asked is not None and answerable else -1.0
        if intent is not None and (score < 0 or (intent[0] is not IntentKey.ASSUME and intent[1] > score)):
            move = _intent_move(intent[0], state, context, seen)
            if move is not None:
                moves.append(move)
            continue
        if asked is None:
            continue
        facts = [f for f in (asked.fact_id, *(fact for _, fact in asked.also)) if f]
        if not facts and question is not None and question.assume and question.id not in seen:
            seen.add(question.id)
            moves.append(Move(f"That isn't pinned down; assume {question.assume}", Note(NoteKind.NO_FACT, asked.text)))
        elif not facts and not _answered_by_self(asked.text, reading.candidate_text):
            unanswered.append(asked.text)
        for fact_id in facts:
            fact = context.scenario.fact(fact_id)
            if fact is not None and fact.id not in seen:
                seen.add(fact.id)
                moves.append(_fact_again(fact.id, fact.answer, state, context))
    if unanswered and not moves:
        reply = unused(list(context.pack.no_fact), state) or context.pack.no_fact[0]
        moves.append(Move(reply, Note(NoteKind.NO_FACT, unanswered[0])))
    return moves


_ASSUMING = re.compile(r"^(?:can|could|may|should|shall|do)\s+(?:i|we)\s+(?:just\s+)?assume\s+(?:that\s+)?", re.I)


def _what_is_assumed(asked: Asked, context: Context) -> Asked:
    """ "Can I assume 50M users?" read as the question it settles ("50M users?"), so a fact that says
    otherwise is given instead of a yes. Only a figure is settled this way: facts pin down numbers, and
    "can I assume the team runs Kubernetes?" is simply a yes."""
    rest = _ASSUMING.sub("", asked.text)
    if rest == asked.text or len(words_of(rest)) < 2 or not re.search(r"\d", rest):
        return asked
    settled = match_questions([rest], context.lens, context.meaning or context.similarity)[0]
    return replace(settled, text=asked.text) if settled.fact_id else asked


def _intents_of(texts: list[str], context: Context) -> list[tuple[IntentKey, float] | None]:
    """For each text, the meta intent it expresses (and how closely), if any, by the similarity model."""
    examples = [(intent.key, example) for intent in context.pack.intents for example in intent.examples]
    if not texts or not examples:
        return [None] * len(texts)
    rows = (context.meaning or context.similarity)(texts, [e for _, e in examples])
    found: list[tuple[IntentKey, float] | None] = []
    for row in rows:
        best = max(range(len(examples)), key=lambda j: row[j])
        found.append((examples[best][0], float(row[best])) if row[best] >= context.pack.intent_threshold else None)
    return found


def _intent_move(key: IntentKey, state: InterviewState, context: Context, seen: set[str]) -> Move | None:
    """The reply to a meta question; "tell me more" continues the fact last answered."""
    if key is IntentKey.MORE and state.told:
        fact_id = state.told[-1][0]
        fact = context.scenario.fact(fact_id)
        if fact is not None and fact_id not in seen:
            told = state.sentences_told(fact_id)
            if told < len(sentences_of(fact.answer)):
                seen.add(fact_id)
                return _fact_move(fact_id, fact.answer, told)
    intent = context.pack.intent(key)
    if intent is None or key.value in seen:
        return None
    seen.add(key.value)
    said = sum(1 for n in state.notes if n.kind is NoteKind.INTENT and n.detail == f"meta question: {key.value}")
    text = unused(list(intent.replies), state) or intent.replies[said % len(intent.replies)]
    return Move(text, Note(NoteKind.INTENT, f"meta question: {key.value}"))


def _fact_again(fact_id: str, answer: str, state: InterviewState, context: Context) -> Move:
    """A fact asked about: from where it was left off, or, once all of it is said, its first sentence again as a
    reminder (a person does not recite the same paragraph twice)."""
    told = state.sentences_told(fact_id)
    sentences = sentences_of(answer)
    if told < len(sentences):
        return _fact_move(fact_id, answer, told)
    said = sum(1 for n in state.notes if n.kind is NoteKind.FACT and n.detail == fact_id)
    first = sentences[0].text.strip()
    reminder = context.pack.told_before[said % len(context.pack.told_before)].replace("{fact}", first)
    return Move(reminder, Note(NoteKind.FACT, fact_id), told=(fact_id, told))


SELF_ANSWER_WORDS = 6  # this much said after a question, in the same turn, is the candidate answering it


def _answered_by_self(question: str, turn: str) -> bool:
    """Whether the candidate went on, in the same turn, to answer their own question ("And 512 partitions might
    not be enough? 4M a second over 512 is about 7,800 each, which is fine."): thinking aloud, not a request for
    a fact, so "not specified" would interrupt them."""
    at = turn.find(question)
    if at < 0:
        return False
    rest = turn[at + len(question) :]
    return any(
        not s.text.rstrip().endswith("?") and len(words_of(s.text)) >= SELF_ANSWER_WORDS for s in sentences_of(rest)
    )


def _fact_move(fact_id: str, answer: str, told: int) -> Move:
    """The next sentence or two of a fact, from sentence ``told`` on (one when the first is long)."""
    sentences = [s.text.strip() for s in sentences_of(answer)]
    first = sentences[told : told + 1]
    more = [] if len(words_of(first[0])) >= BRIEF_WORDS else sentences[told + 1 : told + 2]
    said = [*first, *more]
    return Move(" ".join(said), Note(NoteKind.FACT, fact_id), told=(fact_id, told + len(said)))


def follow_up(reading: Reading, state: InterviewState, context: Context) -> Move | None:
    """Rule 4: a probe triggered by words the candidate just used, as something they chose (not turned down)."""
    if state.phase.key == "req":
        return None
    words = " " + " ".join(words_of(reading.candidate_text)) + " "
    for probe in context.scenario.probes:
        if probe.id in state.asked or not probe.trigger_cues:
            continue
        if probe.kind in (ProbeKind.CURVEBALL, ProbeKind.ORG_ALIGNMENT):
            continue
        if any(_said(cue, words) and not reading.is_only_rejected(cue) for cue in probe.trigger_cues):
            return _probe_move(probe, NoteKind.FOLLOW_UP)
    return None


def special_probe(state: InterviewState, context: Context) -> Move | None:
    """Rule 5: a curveball (scale phase on) or an org-alignment push (tradeoff phase on), once per phase."""
    key = state.phase.key
    turns_in_phase = sum(1 for t in state.turns if t.speaker is Speaker.CANDIDATE and t.elapsed >= state.phase_started)
    if turns_in_phase < 2:
        return None
    kinds: list[tuple[ProbeKind, NoteKind]] = []
    if key in ORG_PHASES:
        kinds.append((ProbeKind.ORG_ALIGNMENT, NoteKind.ORG_ALIGNMENT))
    if key in LATE_PHASES:
        kinds.append((ProbeKind.CURVEBALL, NoteKind.CURVEBALL))
    used_here = {n.kind for t in state.turns if t.elapsed >= state.phase_started for n in t.notes}
    for kind, note_kind in kinds:
        if note_kind in used_here:
            continue
        probe = next((p for p in context.scenario.probes if p.kind is kind and p.id not in state.asked), None)
        if probe is not None:
            return _probe_move(probe, note_kind)
    return None


def gap_push(state: InterviewState, context: Context, covered: frozenset[str]) -> Move | None:
    """Rule 6: the highest-weight uncovered item of the phase, by scenario probe or generic prompt.

    A follow-up probe presumes something the candidate said ("You picked Redis"), so it is never a gap push."""
    weights = {i.id: i.weight for i in context.framework.items}
    open_items = sorted((i for i in state.phase.items if i not in covered), key=lambda i: -weights[i])
    for item in open_items:
        probe = next(
            (
                p
                for p in context.scenario.probes
                if p.item == item
                and p.id not in state.asked
                and p.kind not in (ProbeKind.CURVEBALL, ProbeKind.ORG_ALIGNMENT, ProbeKind.FOLLOW_UP)
            ),
            None,
        )
        if probe is not None:
            return _probe_move(probe, NoteKind.GAP)
        prompt = unused(list(context.pack.prompts_for(item)), state)
        if prompt is not None:
            return Move(prompt, Note(NoteKind.GAP, f"generic prompt for {item}", item), probe_id=None, item=item)
    return None


def deep_dive(state: InterviewState, context: Context) -> Move | None:
    """Time left after the last phase: a probe not yet asked (from any phase reached), else a push on an
    item still open, so a fast candidate gets depth instead of an early pitch."""
    reached = state.items_reached()
    for probe in context.scenario.probes:
        if probe.id in state.asked or probe.item not in reached:
            continue
        if probe.kind is ProbeKind.FOLLOW_UP:
            continue  # a follow-up presumes something the candidate said
        return _probe_move(probe, NoteKind.GAP)
    covered = frozenset(state.covered)
    weights = {i.id: i.weight for i in context.framework.items}
    for item in sorted((i for p in state.phases for i in p.items if i not in covered), key=lambda i: -weights[i]):
        prompt = unused(list(context.pack.prompts_for(item)), state)
        if prompt is not None:
            return Move(prompt, Note(NoteKind.GAP, f"generic prompt for {item}", item), item=item)
    return None


def redirect(kind: NoteKind, state: InterviewState, context: Context) -> Move | None:
    """A short redirect for an empty, repeated or grader-directed turn, never the same one twice.

    A repeat is named: when the text was first sent and how many times it has come now."""
    if kind is NoteKind.REPEATED:
        first, count = repeat_of(state.turns[-1].text, state)
        named = [t.format(when=_clock(first), count=count) for t in context.pack.repeated]
        said = unused(named, state) or named[-1]  # the last names the count, so it is new every time
        return Move(said, Note(kind, f"repeat of the turn at {_clock(first)}, {count} times"))
    options = {NoteKind.RESTATE: context.pack.restate, NoteKind.GRADER_TALK: context.pack.grader_talk}[kind]
    text = unused(list(options), state)
    return Move(text, Note(kind, "redirect")) if text is not None else None


def classify(turn: str, state: InterviewState, flags: dict[int, Flag], known: frozenset[str]) -> NoteKind | None:
    """Whether a turn needs a redirect instead of a normal move: empty, gibberish, repeated, or gaming.

    ``known`` is the vocabulary of the content (framework, scenario, markers); a turn in which fewer
    than a quarter of the words are known, or that has under two words, is treated as unreadable."""
    words = words_of(turn)
    recognised = [w for w in words if w in known or w[0].isdigit()]
    if len(words) < 2 or len(recognised) < max(1, len(words) / 4):
        return NoteKind.RESTATE
    if Flag.INJECTION in flags.values():
        return NoteKind.GRADER_TALK
    if repeat_of(turn, state)[1] > 1:
        return NoteKind.REPEATED
    return None


def repeat_of(turn: str, state: InterviewState) -> tuple[float, int]:
    """When the candidate first sent this text (or nearly this text: a paste with a word or two changed),
    and how many times it has now been sent, this time included."""
    words = set(words_of(turn))
    earlier = [t for t in state.turns[:-1] if t.speaker is Speaker.CANDIDATE and _same_text(words, t.text)]
    return (earlier[0].elapsed if earlier else state.turns[-1].elapsed), len(earlier) + 1


def _same_text(words: set[str], other: str) -> bool:
    """The same text, or a paste of it with a word or two changed (but every figure the same)."""
    theirs = set(words_of(other))
    if {w for w in words if any(c.isdigit() for c in w)} != {w for w in theirs if any(c.isdigit() for c in w)}:
        return False
    if len(words) < SAME_TEXT_MIN_WORDS or len(theirs) < SAME_TEXT_MIN_WORDS:
        return bool(words) and words == theirs
    return len(words & theirs) / len(words | theirs) >= SAME_TEXT


SAME_TEXT = 0.85  # share of distinct words two pastes have in common to be the same text
SAME_TEXT_MIN_WORDS = 8


def commit_push(state: InterviewState, now: float, context: Context) -> Move | None:
    """A candidate who has only asked questions as the requirements time runs out (minute 6 of 45, 8 of 60)
    is told to take the rest as assumptions and commit to a design: once, then again only if they ask
    three more question-only turns over at least four minutes."""
    turns = [t for t in state.turns if t.speaker is Speaker.CANDIDATE]
    if not turns or not only_questions(turns[-1].text) or now < (state.phases[0].minutes - 2) * 60:
        return None
    pushed = [t.elapsed for t in state.turns if any(n.kind is NoteKind.COMMIT for n in t.notes)]
    if not pushed:
        if not all(only_questions(t.text) for t in turns):
            return None
    else:
        since = [t for t in turns if t.elapsed > pushed[-1]]
        if len(since) < 3 or not all(only_questions(t.text) for t in since) or now - pushed[-1] < 240:
            return None
    text = unused(list(context.pack.commit_push), state)
    if text is None:
        return None
    return Move(
        text, Note(NoteKind.COMMIT, "only questions so far: asked to commit to a design", "lead.drive_discussion")
    )


def only_questions(text: str) -> bool:
    """True when every sentence of a turn is a question."""
    sentences = [s.text for s in sentences_of(text) if words_of(s.text)]
    return bool(sentences) and all(questions_in(s) for s in sentences)


def unused(options: list[str], state: InterviewState) -> str | None:
    """The first option the interviewer has not said in this interview."""
    said = {t.text for t in state.turns if t.speaker is Speaker.INTERVIEWER}
    said_parts = {part for text in said for part in text.split("\n\n")}
    return next((o for o in options if o not in said_parts and o not in state.asked), None)


def _said(cue: str, words: str) -> bool:
    """The cue appears in the turn as whole words."""
    needle = " ".join(words_of(cue))
    return bool(needle) and f" {needle} " in words


def _probe_move(probe: Probe, kind: NoteKind) -> Move:
    return Move(probe.question, Note(kind, f"probe {probe.id}: {probe.trigger}", probe.item), probe.id, probe.item)


def _clock(seconds: float) -> str:
    return f"{int(seconds // 60)}:{int(seconds % 60):02d}"
