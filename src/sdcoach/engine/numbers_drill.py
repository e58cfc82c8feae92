"""The numbers drill: back-of-envelope questions with realistic random inputs, answered and scored on a log scale.

Every question's answer comes from the estimator's calculators (never typed in), so the worked steps
shown after an answer are the same ones `sdcoach estimate` prints. Randomness is passed in (a seeded
``random.Random``), so the engine stays pure and a seed replays the same question.
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from sdcoach.content.hardware import ModelArchitecture, Registry
from sdcoach.engine.estimate import memory, training, volume
from sdcoach.engine.estimate.memory import Dtype
from sdcoach.engine.estimate.numbers import format_value
from sdcoach.engine.estimate.units import Dimension, parse_count, parse_quantity
from sdcoach.engine.estimate.working import Estimate
from sdcoach.errors import AnswerError, UsageError

GOOD_WITHIN = 2.0  # within 2x is a good interview answer
FULL_MARKS_WITHIN = 1.25


class Topic(StrEnum):
    """What a numbers question is about; stored with attempts."""

    TRAINING = "training"
    SERVING = "serving"
    STORAGE = "storage"
    TRAFFIC = "traffic"


@dataclass(frozen=True)
class NumbersQuestion:
    """A question, the estimate that answers it, and which result is asked for."""

    topic: Topic
    text: str
    estimate: Estimate
    key: str

    @property
    def answer(self) -> float:
        """The computed answer, in base units."""
        return self.estimate.value(self.key)

    @property
    def unit(self) -> str:
        """The unit the answer is displayed in."""
        return self.estimate.units[self.key]


@dataclass(frozen=True)
class NumbersGrade:
    """How far off an answer was, on a log scale, and the resulting score (0..1)."""

    given: float
    expected: float
    ratio: float
    score: float

    @property
    def is_good(self) -> bool:
        """Within 2x either way."""
        return self.ratio <= GOOD_WITHIN


def make_question(topic: Topic, rng: random.Random, registry: Registry) -> NumbersQuestion:
    """A question on ``topic`` with realistic random inputs."""
    return _MAKERS[topic](rng, registry)


def grade_answer(question: NumbersQuestion, text: str) -> NumbersGrade:
    """Parse the candidate's number (any unit of the right kind) and score it: 1 within 1.25x, 0 at 10x off."""
    try:
        given = _parse(question, text)
    except UsageError as err:
        raise AnswerError(f"This question asks for {_ASKED_FOR[question.unit]}; {text.strip()!r} is not one.") from err
    if given <= 0:
        raise AnswerError(f"Give a positive number: {_ASKED_FOR[question.unit]}.")
    ratio = max(given / question.answer, question.answer / given)
    span = math.log10(10) - math.log10(FULL_MARKS_WITHIN)
    score = 1 - (math.log10(ratio) - math.log10(FULL_MARKS_WITHIN)) / span
    return NumbersGrade(given, question.answer, ratio, round(min(1.0, max(0.0, score)), 3))


# what each kind of answer is, with an example the parser accepts (the message a wrong unit gets)
_ASKED_FOR = {
    "B": "a size in bytes, such as 40 GB or 1.5 TiB",
    "FLOP": "a number of floating-point operations, such as 3.6e25 FLOP",
    "GPU-h": "a number of GPU-hours, such as 2.5M GPU-h",
    "/s": "a rate per second, such as 4e5/s or 400k QPS",
}

# the unit words a count may end with, by what is asked: a rate takes /s or QPS, GPU time takes GPU-h
_SUFFIXES = {
    "/s": r"(?i)\s*(/\s*s(ec)?|qps|rps|per\s+second|req/s|requests/s)$",
    "GPU-h": r"(?i)\s*(gpu-?h(ours?)?|gpu[\s-]hours?)$",
}


def _parse(question: NumbersQuestion, text: str) -> float:
    raw = text.strip()
    if question.unit == "B":
        return parse_quantity(raw, Dimension.BYTES, "answer", "B")
    if question.unit == "FLOP":
        return parse_quantity(re.sub(r"(?i)\s*flops?$", "", raw), Dimension.FLOPS, "answer", "FLOP")
    return parse_count(re.sub(_SUFFIXES[question.unit], "", raw), "answer")


def _training(rng: random.Random, registry: Registry) -> NumbersQuestion:
    params = rng.choice([7e9, 13e9, 34e9, 70e9, 175e9, 405e9])
    tokens = rng.choice([1e12, 2e12, 5e12, 10e12, 15e12])
    if rng.random() < 0.5:
        estimate = training.training(params=params, tokens=tokens)
        text = f"How many FLOPs does it take to train a {params / 1e9:g}B-parameter model on {tokens / 1e12:g}T tokens?"
        return NumbersQuestion(Topic.TRAINING, text, estimate, "total_flops")
    gpu = registry.accelerator(rng.choice(["h100-sxm", "a100-80gb"]))
    mfu = rng.choice([0.35, 0.4, 0.5])
    estimate = training.training(
        params=params, tokens=tokens, compute=training.Compute(peak_flops=gpu.bf16_tflops * 1e12, mfu=mfu)
    )
    text = (
        f"How many {gpu.name} GPU-hours to train a {params / 1e9:g}B-parameter model on {tokens / 1e12:g}T tokens "
        f"at {mfu:.0%} MFU?"
    )
    return NumbersQuestion(Topic.TRAINING, text, estimate, "gpu_hours")


def _serving(rng: random.Random, registry: Registry) -> NumbersQuestion:
    # Latent (MLA) and sliding-window caches are not the 2 x layers x KV heads x head dim x bytes the
    # question expects a candidate to multiply out, so those models are only asked about weights.
    models = [m for m in registry.models if m.params >= 7e9 and m.kv_latent_dim is None]
    model: ModelArchitecture = rng.choice(models)
    if rng.random() < 0.5 or model.local_attention_window is not None:
        dtype = rng.choice([Dtype.BF16, Dtype.FP8, Dtype.INT4])
        text = f"How much memory do the weights of {model.name} take in {dtype.value}?"
        return NumbersQuestion(Topic.SERVING, text, memory.weights(model.params, dtype), "bytes")
    context = rng.choice([2048, 4096, 8192, 32768])
    batch = rng.choice([1, 8, 16, 32, 64])
    estimate = memory.kv_cache(
        layers=model.layers,
        kv_heads=model.kv_heads,
        head_dim=model.head_dim,
        dtype=Dtype.BF16,
        seq_len=context,
        batch=batch,
    )
    text = f"KV cache for {model.name} at {context:,} tokens of context, batch {batch}, bf16?"
    return NumbersQuestion(Topic.SERVING, text, estimate, "total_bytes")


def _storage(rng: random.Random, _registry: Registry) -> NumbersQuestion:
    per_day = rng.choice([1e8, 5e8, 1e9, 5e9, 2e10])
    size = rng.choice([200, 500, 1000, 2000, 4000])
    years = rng.choice([1, 2, 3])
    estimate = volume.storage(items_per_day=per_day, bytes_per_item=size, replication=3, retention_years=years)
    text = (
        f"{per_day:,.0f} events a day at {size:,} bytes each, stored with 3 replicas for {years} year"
        f"{'s' if years > 1 else ''}: how much storage at the end?"
    )
    return NumbersQuestion(Topic.STORAGE, text, estimate, "total_bytes")


def _traffic(rng: random.Random, _registry: Registry) -> NumbersQuestion:
    dau = rng.choice([10e6, 50e6, 100e6, 500e6, 1e9])
    actions = rng.choice([5, 10, 20, 50])
    peak = rng.choice([2, 3])
    estimate = volume.traffic(dau=dau, actions_per_user=actions, peak_factor=peak)
    text = f"{dau / 1e6:,.0f}M daily users, {actions} requests each a day, peak {peak}x the average: peak QPS?"
    return NumbersQuestion(Topic.TRAFFIC, text, estimate, "per_second_peak")


_MAKERS: dict[Topic, Callable[[random.Random, Registry], NumbersQuestion]] = {
    Topic.TRAINING: _training,
    Topic.SERVING: _serving,
    Topic.STORAGE: _storage,
    Topic.TRAFFIC: _traffic,
}


def describe(question: NumbersQuestion) -> str:
    """The expected answer as an engineer says it."""
    return format_value(question.answer, question.unit)
