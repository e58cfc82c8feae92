"""Full pages: each route reads the request, calls the service the command line calls, and renders a template."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response

from sdcoach.config import Settings
from sdcoach.web.render import page
from sdcoach.web.security import current_user
from sdcoach.web.session import interviews_for, user_settings

router = APIRouter(dependencies=[Depends(current_user)])
Owned = Annotated[Settings, Depends(user_settings)]


@router.get("/", response_class=HTMLResponse)
def home(request: Request, settings: Owned, tag: str = "", difficulty: str = "") -> HTMLResponse:
    """Today (review cards due, the last interview, the weakest items), then the scenario library and search."""
    from sdcoach.services.library import filter_library, open_library
    from sdcoach.services.today import today

    everything = open_library(settings)
    shown = filter_library(everything, [tag] if tag else [], difficulty or None)
    tags = sorted({t for e in everything.entries for t in e.scenario.tags})
    plan = today(settings, interviews_for(request, settings).sessions())
    titles = {e.scenario.slug: e.scenario.title for e in everything.entries}
    context = {"entries": shown.entries, "tags": tags, "tag": tag, "difficulty": difficulty, "titles": titles}
    return page(request, "home.html", today=plan, **context)


@router.get("/scenarios/{slug}", response_class=HTMLResponse)
def walkthrough(request: Request, slug: str, settings: Owned) -> HTMLResponse:
    """A scenario: its 35-minute answer first, then the brief's six sections (the data-flow diagram drawn by
    Mermaid), the answer at each level, common mistakes and the ladders."""
    from sdcoach.engine.walkthrough import Section
    from sdcoach.present.markdown import short_answer_markdown, walkthrough_markdown
    from sdcoach.services.library import find_scenario
    from sdcoach.web.render import walkthrough_html

    scenario = find_scenario(settings, slug).scenario
    full = walkthrough_markdown(scenario, list(Section))
    short_lines = short_answer_markdown(scenario).replace("\n## ", "\n### ").splitlines()[1:]
    short = "\n".join(["## The 35-minute answer", *short_lines]) if short_lines else ""
    head, _, rest = full.partition("\n## ")
    body, contents = walkthrough_html(f"{head}\n{short}\n## {rest}" if short else full)
    return page(request, "walkthrough.html", scenario=scenario, body=body, contents=contents)


@router.get("/interviews", response_class=HTMLResponse)
def interviews(request: Request, settings: Owned, scenario: str = "feature-store") -> HTMLResponse:
    """Past and unfinished interviews, and the form to start one."""
    from sdcoach.services.library import open_library

    sessions = interviews_for(request, settings).sessions()
    titles = {e.scenario.slug: e.scenario.title for e in open_library(settings).entries}
    return page(request, "interviews.html", sessions=sessions, titles=titles, chosen=scenario)


@router.get("/interviews/{session_id}", response_class=HTMLResponse)
def interview(request: Request, session_id: str, settings: Owned) -> HTMLResponse:
    """The chat view: transcript, phase and time left, the live checklist, and the answer box."""
    from sdcoach.present.interview_view import checklist_of, status_of, time_away
    from sdcoach.services.grading import method
    from sdcoach.services.interviews import round_label

    stored = interviews_for(request, settings).report(session_id)
    now = stored.elapsed + time_away(stored.summary.updated_at, datetime.now(UTC))
    return page(
        request,
        "interview.html",
        stored=stored,
        label=round_label(stored.state.persona),
        title=_title(settings, stored.summary.scenario),
        status=status_of(stored.state, now),
        checklist=checklist_of(stored.state, method().framework),
    )


@router.get("/interviews/{session_id}/scorecard", response_class=HTMLResponse)
def scorecard(request: Request, session_id: str, settings: Owned) -> HTMLResponse:
    """Signals with quoted evidence, each quote linked to and marked in the transcript."""
    from sdcoach.present.interview_view import evidence_anchors
    from sdcoach.web.interview_diagrams import scorecard_diagram
    from sdcoach.web.render import marked

    stored = interviews_for(request, settings).report(session_id)
    card = stored.scorecard or {}
    in_turn, by_signal = evidence_anchors(stored.state, card)
    turns = [(n, t, marked(t.text, in_turn.get(n, []))) for n, t in enumerate(stored.state.turns)]
    streams = not request.app.state.coach.is_offline and bool(card) and not card.get("narrative")
    title = _title(settings, stored.summary.scenario)
    context = {"card": card, "by_signal": by_signal, "turns": turns, "streams": streams, "title": title}
    return page(
        request, "scorecard.html", stored=stored, diagram=scorecard_diagram(settings, session_id, card), **context
    )


def _title(settings: Settings, slug: str) -> str:
    """A scenario's title (its slug when the scenario is no longer in the library)."""
    from sdcoach.services.library import open_library

    return next((e.scenario.title for e in open_library(settings).entries if e.scenario.slug == slug), slug)


@router.get("/interviews/{session_id}/narrative")
def narrative(request: Request, session_id: str, settings: Owned) -> Response:
    """The coach's narrative of a scorecard, streamed as server-sent events while the backend writes it.

    Each piece is an event; the last (``done``) carries the checked narrative, or the engine's own with a
    notice, which is stored with the scorecard before it is sent. Runs in a worker thread, so a slow
    backend never blocks another person's request."""
    from collections.abc import Iterator

    from fastapi.responses import StreamingResponse

    from sdcoach.services.coach import Worded
    from sdcoach.services.narrative import narrative_pieces

    interviews = interviews_for(request, settings)
    card = interviews.report(session_id).scorecard
    if card is None:
        from sdcoach.errors import UsageError

        raise UsageError("This interview has no scorecard yet.")

    def events() -> Iterator[str]:
        pieces = narrative_pieces(request.app.state.coach, card)
        while True:
            try:
                yield f"data: {json.dumps(next(pieces))}\n\n"
            except StopIteration as done:
                told: Worded = done.value
                interviews.save_narrative(session_id, told.text)
                yield f"event: done\ndata: {json.dumps({'text': told.text, 'notice': told.notice})}\n\n"
                return

    return StreamingResponse(events(), media_type="text/event-stream", headers={"Cache-Control": "no-cache"})


@router.get("/interviews/{session_id}/export.{fmt}")
def export(request: Request, session_id: str, fmt: str, settings: Owned) -> Response:
    """The transcript, notes and scorecard as a Markdown or JSON download."""
    from sdcoach.errors import UsageError
    from sdcoach.present.report import report_markdown, report_payload

    stored = interviews_for(request, settings).report(session_id)
    disposition = {"Content-Disposition": f'attachment; filename="interview-{session_id}.{fmt}"'}
    if fmt == "md":
        return Response(report_markdown(stored), media_type="text/markdown; charset=utf-8", headers=disposition)
    if fmt == "json":
        body = json.dumps(report_payload(stored), indent=2, ensure_ascii=False)
        return Response(body, media_type="application/json", headers=disposition)
    raise UsageError(f"Export as md or json, not {fmt!r}.")


@router.get("/drills", response_class=HTMLResponse)
def drills(request: Request, settings: Owned, scenario: str = "feature-store") -> HTMLResponse:
    """The drills: clarifying questions, a tradeoff call, a numbers question, a pitch."""
    from sdcoach.services.library import find_scenario, open_library
    from sdcoach.services.pitch import audiences
    from sdcoach.services.tradeoffs import tradeoff_library

    return page(
        request,
        "drills.html",
        scenario=find_scenario(settings, scenario).scenario,
        titles={e.scenario.slug: e.scenario.title for e in open_library(settings).entries},
        tradeoffs=tradeoff_library(),
        audiences=audiences(),
    )


@router.get("/review", response_class=HTMLResponse)
def review(request: Request, settings: Owned) -> HTMLResponse:
    """The spaced-repetition queue: due cards, then today's new ones, each linked to its drill."""
    from sdcoach.services.review import review_queue

    return page(request, "review.html", queue=review_queue(settings))


@router.get("/review/{card_id}", response_class=HTMLResponse)
def review_card(request: Request, card_id: str, settings: Owned) -> HTMLResponse:
    """One card of the queue: its prompt and the answer box (a numbers card carries its seed). Each showing
    has an id, so grading the same showing twice records one review."""
    import random
    import secrets

    from sdcoach.services.review import deck_item
    from sdcoach.services.review_session import prompt_for

    seed = random.randrange(1 << 30)
    prompt = prompt_for(deck_item(settings, card_id), settings, seed)
    return page(request, "review_card.html", prompt=prompt, seed=seed, showing=secrets.token_hex(16))


@router.get("/estimate", response_class=HTMLResponse)
def estimate(request: Request) -> HTMLResponse:
    """The estimator as forms whose results show the worked steps."""
    from sdcoach.services.estimates import registry

    models = sorted(registry().models, key=lambda m: m.name)
    gpus = sorted(registry().accelerators, key=lambda g: g.name)
    return page(request, "estimate.html", models=models, gpus=gpus)


@router.get("/progress", response_class=HTMLResponse)
def progress(request: Request, settings: Owned) -> HTMLResponse:
    """Each signal over time as a chart, the weakest items with their drills, streak and due cards."""
    from sdcoach.services.progress import progress_payload, user_progress
    from sdcoach.web.render import script_json

    result = user_progress(settings)
    return page(request, "progress.html", result=result, chart=script_json(progress_payload(result)["signals"]))


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, settings: Owned, q: Annotated[str, Query(max_length=300)] = "") -> HTMLResponse:
    """Search results as a fragment (the library page's search box)."""
    from sdcoach.services.search import search_content

    results = search_content(q, settings, limit=8) if q.strip() else []
    return page(request, "search_results.html", results=results, q=q)
