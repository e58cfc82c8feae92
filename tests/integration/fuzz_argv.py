"""Command lines for the command fuzz suite, written by hypothesis from the click command tree itself.

Every command (and every group that can run on its own) is found by walking the tree ``sdcoach`` builds,
so a new command is fuzzed the day it is added; ``WORKING`` holds, for each, a command line that works,
and a test fails when a command has none. Each parameter is then kept as it works, left out, or given a
bad value of its kind: wrong types, negative, NaN, infinite and huge numbers, unknown slugs and ids, empty
and very long strings, undecodable bytes, and for files every bad file in ``fuzz_files``; unknown options
and stray arguments are added on top.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

import typer.main
from hypothesis import strategies as st

from sdcoach.cli.app import app
from tests.integration.fuzz_files import FuzzFiles

ANSWER, SESSION, SCENARIO_FILE, HISTORY_FILE, DECK = "@answer", "@session", "@scenario", "@history", "@deck"
DIAGRAM = "@diagram"
FEATURE_STORE, DECISION = "feature-store", "batch-vs-streaming-features"

# For each command (its path; "" is sdcoach itself), parameter values that make it succeed.
WORKING: dict[str, dict[str, str]] = {
    "": {},
    "interview": {"target": FEATURE_STORE},
    "framework": {},
    "scenarios": {},
    "walkthrough": {"slug": FEATURE_STORE},
    "questions": {"slug": FEATURE_STORE},
    "tradeoffs": {"slug": FEATURE_STORE},
    "tradeoff": {"tradeoff_id": DECISION},
    "pitch": {"slug": FEATURE_STORE, "answer": ANSWER},
    "review": {},
    "progress": {},
    "search": {"text": "kv cache eviction"},
    "grade": {"answer": ANSWER, "scenario": FEATURE_STORE},
    "sessions": {},
    "report": {"session_id": SESSION},
    "ask": {"question": "what does a kv cache hold"},
    "web": {},  # never run whole: every web case carries one value it refuses (NEVER_SERVES)
    "tour": {},
    "drill": {},
    "drill questions": {"slug": FEATURE_STORE, "answer": ANSWER},
    "drill numbers": {"seed": "1", "answer": "10 GB"},
    "drill framework": {"slug": FEATURE_STORE, "answer": ANSWER},
    "drill tradeoff": {"tradeoff_id": DECISION, "answer": ANSWER},
    "estimate": {},
    "estimate training": {"params": "70B", "tokens": "2T", "gpu": "h100", "mfu": "0.4", "gpus": "1024"},
    "estimate mfu": {"achieved_tflops": "400", "gpu": "h100"},
    "estimate weights": {"params": "70B"},
    "estimate training-memory": {"params": "7B", "gpus": "64"},
    "estimate checkpoint": {"params": "70B", "write_bandwidth": "40GB/s"},
    "estimate kv-cache": {"layers": "32", "kv_heads": "8", "head_dim": "128", "seq_len": "4096", "batch": "8"},
    "estimate serving": {"model": "llama-3-8b", "gpu": "h100", "qps": "10"},
    "estimate traffic": {"per_day": "500M"},
    "estimate storage": {"items_per_day": "1B", "bytes_per_item": "1KB"},
    "estimate embeddings": {"items": "1B", "dimensions": "768"},
    "estimate allreduce": {"size": "14GB", "gpus": "8", "bus_bandwidth": "200GB/s"},
    "estimate hardware": {},
    "estimate models": {},
    "content": {},
    "content lint": {"path": SCENARIO_FILE},
    "diagram": {},
    "diagram check": {"file": DIAGRAM, "scenario": FEATURE_STORE},
    "history": {},
    "history export": {"file": "-"},
    "history import": {"file": HISTORY_FILE},
    "history anki": {"file": DECK},
    "backends": {},
    "backends check": {},
    "scenario": {},
    "scenario draft": {"design_prompt": "design a cache for embeddings"},  # offline, so always refused
}
INTERACTIVE = {"interview", "review", "drill numbers", "drill questions", "drill framework"}
NEVER_SERVES = ["--port=0", "--port=65536", "--port=-1", "--port=http", "--workers=0", "--workers=65", "--bogus"]

# What a parameter holds, where its name and type do not say: "path:name" first, then the name alone.
KINDS = {
    "drill numbers:answer": "text",
    "history export:file": "write",
    "history anki:file": "write",
    "diagram check:notes": "read",
    "interview:target": "target",
    "report:session_id": "session",
    "answer": "read",
    "file": "read",
    "path": "read",
    "slug": "slug",
    "scenario": "slug",
    "tradeoff_id": "decision",
    "gpu": "text",
    "model": "text",
    "dtype": "text",
    "index": "text",
    "optimizer": "text",
}

GENERIC_BAD = [
    "", " ", "-", "--", "\u2014", "nan", "-nan", "inf", "-inf", "-1", "0", "1e308", "-1e308", "9" * 40,
    "\udcff\udcfe",  # bytes that were not UTF-8 in argv, as Python hands them over
    "caf\xe9", "\u202eexe.txt", "\U0001f642", "../..", "%s%n{}", "'; DROP TABLE sessions; --",
    "FEATURE-STORE", " feature-store ", "feature_store", "--bogus", "-Z", "\t\n", "x" * 10_000,
]  # fmt: skip
NUMBERS = [
    "abc", "1.5", "-5", "0", "1", "99999999999999999999", "NaN", "Infinity", "1e400", "0x10", " 7", "1_000",
    "2T", "70B", "-3GB/s", "1e-300", "450EB/s", "5%", "101%", "0.5", "1e30",
]  # fmt: skip
SLUGS = ["feature-store", "vector-search", "llm-inference-platform", "feature-stor", "no-such-scenario", "custom"]
DECISIONS = [DECISION, "ann-index-choice", "batch-vs-streaming", "no-such-decision"]


@dataclass(frozen=True)
class Command:
    """One runnable command: its path (words after ``sdcoach``) and its click object."""

    path: str
    click: Any

    @property
    def words(self) -> list[str]:
        return self.path.split()


def runnable_commands() -> list[Command]:
    """Every leaf command, and every group that does something (or prints its help) when run alone."""
    found: list[Command] = []

    def walk(command: Any, path: tuple[str, ...]) -> None:
        found.append(Command(" ".join(path), command))
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, (*path, name))

    walk(typer.main.get_command(app), ())
    return found


def kind_of(command: Command, param: Any) -> str:
    """What the parameter holds: a kind from KINDS, else one read from its type."""
    named = KINDS.get(f"{command.path}:{param.name}") or KINDS.get(param.name or "")
    if named:
        return named
    annotation = getattr(param.type_descriptor, "annotation", None)
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return "choice"
    if annotation is bool:
        return "flag"
    if annotation is int or command.path.startswith("estimate"):
        return "number"
    return "text"


def values_of(kind: str, files: FuzzFiles, session: str) -> st.SearchStrategy[str]:
    """Bad values of a kind (with a few good ones, so a bad value meets good ones beside it)."""
    generic = st.one_of(st.sampled_from(GENERIC_BAD), st.text(st.characters(exclude_characters="\x00"), max_size=30))
    by_kind = {
        "read": files.readable(),
        "write": files.writable(),
        "slug": st.sampled_from(SLUGS),
        "target": st.sampled_from([*SLUGS, session, session[:6]]),  # a slug, or with --resume a session id
        "decision": st.sampled_from(DECISIONS),
        "session": st.sampled_from([session, session.upper(), session[:6], "0" * 12]),
        "number": st.one_of(
            st.sampled_from(NUMBERS),
            st.floats().map(repr),
            st.integers(min_value=-(10**30), max_value=10**30).map(str),
        ),
        "choice": st.sampled_from(["rich", "md", "json", "html", "JSON", "xml"]),
        "text": st.nothing(),
    }
    return st.one_of(by_kind[kind], generic)


def resolve(value: str, files: FuzzFiles, session: str) -> str:
    """A WORKING value with its placeholder replaced by the real path or id."""
    places = {
        ANSWER: files.inputs / "answer.txt",
        SCENARIO_FILE: files.inputs / "scenario.yaml",
        HISTORY_FILE: files.inputs / "history-valid.json",
        DECK: files.outputs / "deck.apkg",
        DIAGRAM: files.inputs / "diagram.mmd",
    }
    if value == SESSION:
        return session
    return str(places[value]) if value in places else value


JUNK = ["--bogus", "--bogus=1", "-Z", "stray", "--format", "--", "--help", "-"]
NOT_FUZZED = {"debug"}  # --debug shows tracebacks on purpose


def command_line(data: st.DataObject, command: Command, files: FuzzFiles, session: str) -> list[str]:
    """``command``'s words, then each parameter as it works, left out or bad, then maybe junk."""
    working = WORKING.get(command.path, {})
    options: list[str] = []
    positional: list[str] = []
    for param in command.click.params:
        if param.name in NOT_FUZZED:
            continue
        kind = kind_of(command, param)
        if kind == "flag":
            flags = [*param.opts, *param.secondary_opts]
            options += data.draw(st.lists(st.sampled_from(flags), max_size=1), label=param.name)
            continue
        how = data.draw(st.sampled_from(["works", "works", "bad", "omit"]), label=param.name)
        good = working.get(param.name)
        if how == "omit" or (how == "works" and good is None):
            continue
        value = resolve(good, files, session) if how == "works" and good else data.draw(values_of(kind, files, session))
        if param.param_type_name == "argument":
            positional.append(value)
            continue
        flag = data.draw(st.sampled_from(param.opts))
        options += [f"{flag}={value}"] if flag.startswith("--") and data.draw(st.booleans()) else [flag, value]
    junk = data.draw(st.sampled_from(JUNK), label="junk") if data.draw(st.integers(0, 4), label="junk?") == 0 else None
    junk = [junk] if junk else []  # one case in five: most cases go past the parser, into the command
    never = [data.draw(st.sampled_from(NEVER_SERVES))] if command.path == "web" else []
    return [*command.words, *options, *positional, *junk, *never]
