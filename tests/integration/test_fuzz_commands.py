"""Every command, fuzzed: generated bad arguments, files and standard input, and only three acceptable outcomes.

Hypothesis writes command lines for every command found in the click tree (see ``fuzz_argv``) and pipes
generated input to each; ``sdcoach``'s own entry point runs in this process against a real SQLite store
seeded with a finished and an unfinished interview, drill attempts and a reviewed card (``fuzz_bench``).
Each run must end in exit 2 with one message, exit 0 with valid output, or a documented exit 1, never an
internal error, and the store must be unchanged whenever the command failed (``fuzz_outcome``).
Derandomized with no example database, so every run tries the same 816 cases (80 more in test_fuzz_home).
"""

from __future__ import annotations

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from tests.integration.fuzz_argv import INTERACTIVE, WORKING, command_line
from tests.integration.fuzz_bench import BY_PATH, COMMANDS, FUZZ, Bench, fuzz_bench, seeded_store, working_line
from tests.integration.fuzz_files import STDIN

__all__ = ["fuzz_bench", "seeded_store"]  # the fixtures this module's tests take


def test_every_command_is_fuzzed_from_a_command_line_that_works() -> None:
    assert sorted(BY_PATH) == sorted(WORKING), "add each new command to fuzz_argv.WORKING (and each gone one out)"
    for path, values in WORKING.items():
        names = {param.name for param in BY_PATH[path].click.params}
        assert set(values) <= names, (path, set(values) - names)


@pytest.mark.parametrize("path", sorted(set(WORKING) - {"web", "scenario draft"}))
def test_the_working_command_line_works(path: str, bench: Bench) -> None:
    command = BY_PATH[path]
    run = bench.run(command, working_line(command, bench), b"")
    assert run.code == (2 if hasattr(command.click, "commands") and path not in ("", "backends") else 0), run.err


@pytest.mark.parametrize("path", sorted(WORKING))
@pytest.mark.parametrize("unknown", ["--bogus", "--bogus=1", "-Z"])
def test_an_unknown_option_is_a_usage_error_naming_it_on_every_command(path: str, unknown: str, bench: Bench) -> None:
    command = BY_PATH[path]
    run = bench.run(command, [*working_line(command, bench), unknown], b"")
    assert run.code == 2 and f"No such option: {unknown.split('=')[0]}" in run.err, (run.code, run.err)
    assert run.out == ""


@settings(FUZZ, max_examples=450)
@given(data=st.data())
def test_any_command_line_is_refused_with_one_message_or_gives_valid_output(data: st.DataObject, bench: Bench) -> None:
    command = data.draw(st.sampled_from(COMMANDS), label="command")
    args = command_line(data, command, bench.files, bench.session)
    stdin = data.draw(st.one_of(st.just(b""), STDIN), label="stdin")
    bench.run(command, args, stdin)
    event(bench.outcome)


READS_STDIN = sorted(INTERACTIVE | {"grade", "pitch", "drill tradeoff", "history import"})


@settings(FUZZ, max_examples=120)
@given(data=st.data(), stdin=STDIN)
def test_bad_standard_input_then_its_end_is_refused_or_kept_never_lost(
    data: st.DataObject, stdin: bytes, bench: Bench
) -> None:
    command = BY_PATH[data.draw(st.sampled_from(READS_STDIN), label="command")]
    args = [a if a != str(bench.files.inputs / "answer.txt") else "-" for a in working_line(command, bench)]
    if command.path == "history import":
        args[-1] = "-"
    if command.path == "drill numbers":
        args = [*command.words, "--seed", "1"]
    if command.path == "interview":  # a new one, or either seeded one resumed: the finished one must refuse
        resumed = data.draw(
            st.sampled_from([[], [bench.session], [bench.unfinished], [bench.unfinished, "--take-over"]])
        )
        args = [*command.words, "--resume", *resumed] if resumed else args
    bench.run(command, args, stdin)
    event(bench.outcome)


COUNTED = [  # every whole-number option; a seed may be any integer, everything else counts or measures
    (command.path, param.opts[0])
    for command in COMMANDS
    for param in command.click.params
    if param.param_type_name == "option"
    and getattr(param.type_descriptor, "annotation", None) in (int, int | None)
    and "seed" not in (param.name or "")
]


def test_every_whole_number_option_is_fuzzed_for_negative_values() -> None:
    assert len(COUNTED) >= 8 and ("drill questions", "--minutes") in COUNTED, COUNTED


@settings(FUZZ, max_examples=60)
@given(counted=st.sampled_from(COUNTED), value=st.integers(max_value=-1))
def test_a_negative_count_or_duration_is_refused_naming_its_option(
    counted: tuple[str, str], value: int, bench: Bench
) -> None:
    command = BY_PATH[counted[0]]
    run = bench.run(command, [*working_line(command, bench), f"{counted[1]}={value}"], b"")
    named = counted[1].lstrip("-").rstrip("s")  # the option, or the thing it sets ("a -1-minute time plan")
    assert run.code == 2 and named in run.err.lower(), (counted, value, run.code, run.err, run.out[:200])
    event(bench.outcome)
