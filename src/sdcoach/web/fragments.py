"""Actions: every POST stores first (the services do), then returns the fragment HTMX swaps into the page.

All of them need the session's CSRF token.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from sdcoach.config import Settings
from sdcoach.web.render import page
from sdcoach.web.security import current_user, require_csrf
from sdcoach.web.session import interviews_for, user_settings

router = APIRouter(dependencies=[Depends(current_user), Depends(require_csrf)])
Owned = Annotated[Settings, Depends(user_settings)]
MAX_ANSWER = 20_000


@router.post("/interviews")
def start_interview(
    request: Request,
    settings: Owned,
    scenario: Annotated[str, Form()],
    persona: Annotated[str, Form()] = "peer",
    minutes: Annotated[int, Form()] = 45,
) -> Response:
    """Start an interview (its opening is stored) and open it."""
    from sdcoach.services.interviews import persona_named

    with interviews_for(request, settings).start(scenario, persona_named(persona), minutes) as live:
        return RedirectResponse(f"/interviews/{live.session_id}", status_code=303)


@router.post("/interviews/{session_id}/turns", response_class=HTMLResponse)
def answer(
    request: Request,
    session_id: str,
    settings: Owned,
    text: Annotated[str, Form(max_length=MAX_ANSWER)],
    submit_id: Annotated[str, Form(max_length=64)] = "",
) -> Response:
    """Store the answer, store the interviewer's reply, return both turns and the new status and checklist.

    One turn at a time per interview (a second tab waits for the first); a post whose ``submit_id`` was
    already stored gets the same turns back (static/interview.js gives each post its id)."""
    from sdcoach.errors import UsageError
    from sdcoach.present.interview_view import checklist_of, status_of, time_away
    from sdcoach.services.grading import method
    from sdcoach.services.interview_turns import take_turn
    from sdcoach.web.session import interview_clock

    if not text.strip():
        raise UsageError("Write an answer first (or use a button: hint, skip, end).")
    interviews = interviews_for(request, settings, interview_clock)
    now = datetime.now(UTC)
    # each request holds the session: a terminal that has this interview open refuses it (409)
    outcome = take_turn(
        interviews, session_id, text, submit_id or None, lambda stored: time_away(stored.summary.updated_at, now)
    )
    if outcome.is_finished:
        return Response(status_code=204, headers={"HX-Redirect": f"/interviews/{session_id}/scorecard"})
    return page(
        request,
        "turns_fragment.html",
        turns=outcome.turns,
        notice=outcome.notice,
        status=status_of(outcome.state, outcome.now),
        checklist=checklist_of(outcome.state, method().framework),
        offset=outcome.offset,
    )


@router.post("/drills/questions", response_class=HTMLResponse)
def question_drill(
    request: Request,
    settings: Owned,
    scenario: Annotated[str, Form()],
    text: Annotated[str, Form(max_length=MAX_ANSWER)],
) -> HTMLResponse:
    """Grade the first questions for a scenario (stored before the grade is shown)."""
    from sdcoach.services.drills import question_drill as run

    return page(request, "drill_result.html", kind="questions", payload=run(scenario, text, settings).payload)


@router.post("/drills/tradeoff", response_class=HTMLResponse)
def tradeoff_drill(
    request: Request,
    settings: Owned,
    tradeoff: Annotated[str, Form()],
    text: Annotated[str, Form(max_length=MAX_ANSWER)],
) -> HTMLResponse:
    """Grade a call on a library decision for the shape of a staff answer."""
    from sdcoach.services.tradeoff_drill import pick_tradeoff
    from sdcoach.services.tradeoff_drill import tradeoff_drill as run

    return page(
        request, "drill_result.html", kind="tradeoff", payload=run(pick_tradeoff(tradeoff), text, settings).payload
    )


@router.post("/drills/numbers/question", response_class=HTMLResponse)
def numbers_question(request: Request, topic: Annotated[str, Form()] = "") -> HTMLResponse:
    """A fresh numbers question; its seed rides along in the answer form so the grade uses the same one."""
    import random

    from sdcoach.services.drills import numbers_question as make

    seed = random.randrange(1 << 30)
    return page(request, "numbers_question.html", question=make(topic or None, seed), seed=seed, topic=topic)


@router.post("/drills/numbers", response_class=HTMLResponse)
def numbers_drill(
    request: Request,
    settings: Owned,
    seed: Annotated[int, Form()],
    text: Annotated[str, Form(max_length=200)],
    topic: Annotated[str, Form()] = "",
) -> HTMLResponse:
    """Grade a back-of-envelope answer on a log scale and show the working."""
    from sdcoach.services.drills import numbers_drill as run
    from sdcoach.services.drills import numbers_question as make

    outcome = run(make(topic or None, seed), text, settings)
    return page(request, "drill_result.html", kind="numbers", payload=outcome.payload)


@router.post("/drills/pitch", response_class=HTMLResponse)
def pitch_drill(
    request: Request,
    settings: Owned,
    scenario: Annotated[str, Form()],
    text: Annotated[str, Form(max_length=MAX_ANSWER)],
    audience: Annotated[str, Form()] = "director",
) -> HTMLResponse:
    """Critique a 60-second pitch for an audience."""
    from sdcoach.services.pitch import pitch_drill as run

    return page(request, "drill_result.html", kind="pitch", payload=run(scenario, audience, text, settings).payload)


@router.post("/estimate/kv-cache", response_class=HTMLResponse)
def kv_cache(
    request: Request,
    model: Annotated[str, Form()],
    seq_len: Annotated[str, Form()] = "4096",
    batch: Annotated[str, Form()] = "1",
    dtype: Annotated[str, Form()] = "bf16",
) -> HTMLResponse:
    """KV-cache bytes with the worked steps."""
    from sdcoach.services.estimates import ShapeFlags, estimate_kv_cache

    result = estimate_kv_cache(model=model, shape=ShapeFlags(), dtype=dtype, seq_len=seq_len, batch=batch)
    return page(request, "estimate_result.html", result=result)


@router.post("/estimate/training", response_class=HTMLResponse)
def training(
    request: Request,
    params: Annotated[str, Form()],
    tokens: Annotated[str, Form()],
    gpu: Annotated[str, Form()] = "h100",
    gpus: Annotated[str, Form()] = "",
    mfu: Annotated[str, Form()] = "0.4",
) -> HTMLResponse:
    """Training FLOPs, GPU-hours and days with the worked steps."""
    from sdcoach.services.estimates import ComputeFlags, estimate_training

    compute = ComputeFlags(gpu=gpu, mfu=mfu)
    result = estimate_training(
        params=params,
        model=None,
        tokens=tokens,
        flops_per_param_token=6.0,
        total_flops=None,
        compute=compute,
        gpus=gpus or None,
        usd_per_gpu_hour=None,
    )
    return page(request, "estimate_result.html", result=result)


@router.post("/estimate/serving", response_class=HTMLResponse)
def serving(
    request: Request,
    model: Annotated[str, Form()],
    gpu: Annotated[str, Form()] = "h100",
    qps: Annotated[str, Form()] = "10",
    prompt_tokens: Annotated[str, Form()] = "1000",
    output_tokens: Annotated[str, Form()] = "250",
    tpot_ms: Annotated[float, Form()] = 50.0,
) -> HTMLResponse:
    """GPUs for an LLM serving load (memory, decode roofline, prefill) with the worked steps."""
    from sdcoach.services.estimates import ServingFlags, estimate_serving

    flags = ServingFlags(model, gpu, "bf16", prompt_tokens, output_tokens, qps, tpot_ms)
    return page(request, "estimate_result.html", result=estimate_serving(flags))


@router.post("/estimate/traffic", response_class=HTMLResponse)
def traffic(
    request: Request, per_day: Annotated[str, Form()], peak_factor: Annotated[float, Form()] = 3.0
) -> HTMLResponse:
    """Average and peak requests per second from a daily volume, with the worked steps."""
    from sdcoach.services.estimates import estimate_traffic

    result = estimate_traffic(per_day=per_day, per_month=None, dau=None, actions_per_user=None, peak_factor=peak_factor)
    return page(request, "estimate_result.html", result=result)


@router.post("/review/{card_id}", response_class=HTMLResponse)
def answer_review_card(
    request: Request,
    card_id: str,
    settings: Owned,
    text: Annotated[str, Form(max_length=MAX_ANSWER)],
    seed: Annotated[int, Form()] = 0,
    showing: Annotated[str, Form(max_length=64)] = "",
) -> HTMLResponse:
    """Grade a review card with its drill; the grade and the card's next date are stored before they are shown.
    A second post from the same showing of the card gets the first one's grade and records nothing."""
    from sdcoach.services.review import deck_item
    from sdcoach.services.review_session import answer_card, prompt_for

    prompt = prompt_for(deck_item(settings, card_id), settings, seed)
    outcome = answer_card(prompt, text, settings, showing or None)
    return page(request, "review_result.html", outcome=outcome, kind=prompt.item.kind)
