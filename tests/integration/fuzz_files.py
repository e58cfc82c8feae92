"""The files and standard input the command fuzz suite hands to ``sdcoach``: good ones, and every kind of bad.

Files are written fresh before each case (a command may overwrite one it was given as an output path), so
every case sees the same bytes and a failure replays. Bad files: empty, blank, not UTF-8, binary, UTF-16,
past the documented input cap, missing, a folder, a path through a file, a symlink loop; for ``history
import``, tampered exports (an unknown schema version, NaN and out-of-range scores, wrong types, cut short).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from sdcoach.services.input_size import MAX_INPUT_CHARS

ANSWER = (
    "I would ask about the peak read QPS, the p99 latency budget and how fresh features must be.\n"
    "Then: an offline store in Parquet, an online store in Redis, one feature registry, and a backfill job.\n"
)
LATIN1 = "I would ask who owns the caf\xe9 data and its p99 latency.\n".encode("latin-1")
BINARY = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"
OVER_CAP = ("freshness " * (MAX_INPUT_CHARS // 10 + 1)).encode("utf-8")
THIN_SCENARIO = (Path(__file__).parent.parent / "data" / "minimal_scenario.yaml").read_bytes()
SCENARIO = Path(__file__).parents[2] / "src" / "sdcoach" / "content" / "packs" / "scenarios" / "feature-store.yaml"

READABLE: dict[str, bytes] = {
    "answer.txt": ANSWER.encode("utf-8"),
    "answer-bom.md": b"\xef\xbb\xbf# My answer\n\n" + ANSWER.encode("utf-8"),
    "empty.txt": b"",
    "blank.txt": b" \n\t\n\n",
    "latin1.txt": LATIN1,
    "binary.png": BINARY,
    "utf16.txt": ANSWER.encode("utf-16"),
    "over-cap.txt": OVER_CAP,
    "scenario.yaml": SCENARIO.read_bytes(),
    "diagram.mmd": b"flowchart LR\n  kafka[Kafka] --> flink[Flink] --> scylla[(Online store)]\n",
    "thin-scenario.yaml": THIN_SCENARIO,
    "broken.yaml": b"slug: [unclosed\n  title: : :\n\t- tab\n",
    "not-a-scenario.yaml": b"- just\n- a list\n",
    "history-bad-json.json": b'{"schema_version": 1, "sessions": [',
    "history-list.json": b"[1, 2, 3]",
    "history-v99.json": json.dumps({"schema_version": 99, "sessions": []}).encode(),
    "history-wrong-types.json": json.dumps({"schema_version": "one", "sessions": "all"}).encode(),
}


def tampered_histories(export: dict[str, Any]) -> dict[str, bytes]:
    """A real export changed in the ways the issue found imported: NaN, negative and huge scores, a bad id."""
    found: dict[str, bytes] = {"history-valid.json": json.dumps(export).encode()}
    for name, value in (("nan", float("nan")), ("negative", -5), ("huge", 1e308)):
        copy = json.loads(json.dumps(export))
        for attempt in copy.get("attempts", []):
            attempt["score"] = value
        found[f"history-score-{name}.json"] = json.dumps(copy).encode()  # json writes NaN as the bare word
    copy = json.loads(json.dumps(export))
    for session in copy.get("sessions", []):
        session["id"] = None
    found["history-null-id.json"] = json.dumps(copy).encode()
    return found


class FuzzFiles:
    """A folder of input files and output places, reset to the same bytes before each case."""

    def __init__(self, root: Path, export: dict[str, Any]) -> None:
        self.root = root
        self.inputs = root / "in"
        self.outputs = root / "out"
        self.contents = READABLE | tampered_histories(export)

    def reset(self) -> None:
        """Every input file back to its bytes, the output folder emptied (one folder kept in it)."""
        self.inputs.mkdir(parents=True, exist_ok=True)
        for name, data in self.contents.items():
            path = self.inputs / name
            if not path.is_file() or path.stat().st_size != len(data) or path.read_bytes() != data:
                path.unlink(missing_ok=True)
                path.write_bytes(data)
        loop = self.inputs / "loop"
        if not loop.is_symlink():
            os.symlink(loop, loop)
        (self.inputs / "a-folder").mkdir(exist_ok=True)
        if self.outputs.exists():
            for path in sorted(self.outputs.rglob("*"), reverse=True):
                path.rmdir() if path.is_dir() else path.unlink()
        (self.outputs / "a-folder").mkdir(parents=True, exist_ok=True)

    def readable(self) -> st.SearchStrategy[str]:
        """A path to read: each prepared file, stdin, or a place that is no file at all."""
        names = sorted(self.contents)
        nowhere = ["missing.txt", "a-folder", "a-folder/", "loop", "answer.txt/inside", "answer.txt/"]
        return st.one_of(
            st.sampled_from(names).map(lambda n: str(self.inputs / n)),
            st.sampled_from(nowhere).map(lambda n: f"{self.inputs}/{n}"),
            st.just("-"),
        )

    def writable(self) -> st.SearchStrategy[str]:
        """A path to write: a new file (some with the wrong ending), a folder, a folder that is not there,
        a path through a file, stdin's -, a name too long for any file system."""
        places = ["new.json", "deck.apkg", "deck.txt", "a-folder", "no/such/folder/x.apkg", "x" * 300 + ".apkg"]
        return st.one_of(
            st.sampled_from(places).map(lambda n: str(self.outputs / n)),
            st.just(str(self.inputs / "answer.txt" / "x.apkg")),
            st.just("-"),
        )


# What can arrive on standard input: answers in blocks, slash commands, nothing, and every kind of bad.
STDIN_PIECES = st.one_of(
    st.sampled_from(
        [
            ANSWER.encode(),
            b"What is the peak QPS?\n\nWe would shard by user id.\n\n",
            b"/time\n\n/checklist\n\n/hint\n\n/skip\n\n",
            b"/end\n\n",
            b"/resume\n\n/nonsense\n\n",
            b"10 GB\n\n2.5M GPU-h\n\n",
            b"5 furlongs\n\n",
            b"\n\n\n",
            LATIN1,
            BINARY,
            ANSWER.encode("utf-16"),
            b"\xff\xfe\xfa\n\n",
            b"\r\n\r\n",
        ]
    ),
    st.binary(max_size=120),
    st.text(max_size=120).map(lambda t: t.encode("utf-8", errors="surrogatepass")),
)
STDIN = st.one_of(
    st.just(b""),
    st.lists(STDIN_PIECES, max_size=4).map(b"".join),
    st.just(OVER_CAP + b"\n\n"),
)
