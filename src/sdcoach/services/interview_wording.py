"""An interviewer turn worded by the backend: the engine has chosen the move and the facts it may use;
the backend words it in the persona; the wording is checked before it is shown or stored."""

from __future__ import annotations

from dataclasses import replace

from sdcoach.backends.base import Message
from sdcoach.engine.interview import Context, InterviewState, NoteKind, Speaker
from sdcoach.engine.phrasing import interviewer_problem
from sdcoach.engine.stakeholders import in_persona
from sdcoach.services.coach import Coach, Worded, as_data, phrasing_rules, prompt


def word_turn(coach: Coach, state: InterviewState, context: Context, candidate: str) -> tuple[InterviewState, Worded]:
    """The state with its last interviewer turn reworded (or unchanged), and what to show."""
    turn = state.turns[-1] if state.turns else None
    if coach.is_offline or turn is None or turn.speaker is not Speaker.INTERVIEWER or not turn.text:
        return state, Worded(turn.text if turn else "", False)
    rules = phrasing_rules()
    scenario = in_persona(context, state.persona).scenario  # the probes this persona asks
    fact_ids = {n.detail for n in turn.notes if n.kind is NoteKind.FACT}
    unanswered = any(n.kind is NoteKind.NO_FACT for n in turn.notes)
    facts = [f.answer for f in scenario.facts if unanswered or f.id in fact_ids]
    facts_text = "\n".join(f"- {f}" for f in facts) or "(none beyond the draft)"
    draft = turn.text
    private = [n.detail for n in turn.notes] + [p.trigger for p in scenario.probes]
    max_words = int(max(rules.max_words_floor, rules.max_words_factor * len(draft.split())))
    messages = (
        Message(
            "system",
            prompt("interviewer").format(
                persona=state.persona.value, not_specified=rules.not_specified, max_words=max_words
            ),
        ),
        Message("user", prompt("interviewer_user").format(candidate=as_data(candidate), facts=facts_text, draft=draft)),
    )

    def check(reply: str) -> str | None:
        if reply.strip() == rules.not_specified:
            return None
        return interviewer_problem(
            reply,
            draft,
            f"{draft}\n{facts_text}",
            candidate,
            private,
            [p.answer_space for p in scenario.probes],
            context.grading.markers.technologies,
            rules,
        )

    worded = coach.word(messages, draft, check)
    if worded.text.strip() == rules.not_specified:
        worded = Worded(draft, False)
    if worded.text == draft:
        return state, worded
    return replace(state, turns=(*state.turns[:-1], replace(turn, text=worded.text))), worded
