"""Read a YAML document together with the line of every key and list item, for errors that point home."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from sdcoach.errors import ContentError

try:  # the C parser is several times faster; fall back where libyaml is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

Location = tuple[str | int, ...]


@dataclass(frozen=True)
class YamlDocument:
    """Parsed data plus a map from each location (keys and indices) to its 1-based line."""

    path: Path
    data: Any
    lines: dict[Location, int]

    def line_of(self, location: Location) -> int | None:
        """The line of a location, or of its nearest enclosing location that has one."""
        loc = tuple(location)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get((), None)


def read_yaml(path: Path) -> YamlDocument:
    """Parse one YAML file; a missing file or bad syntax is a ContentError with the line."""
    try:
        data = path.read_bytes()
    except FileNotFoundError as err:
        raise ContentError("No such file.", path=path, hint="Check the path.") from err
    except OSError as err:
        raise ContentError(f"Cannot read the file ({err.strerror or err}).", path=path) from err
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise ContentError("This is a binary file (it holds a NUL byte), not YAML text.", path=path, line=line)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        message = f"This file is not UTF-8 text (byte {data[err.start]:#04x})."
        raise ContentError(message, path=path, line=line, hint="Save it as UTF-8.") from err
    return parse_yaml(text, path)


def parse_yaml(text: str, path: Path) -> YamlDocument:
    """Parse YAML text that came from ``path`` (or is named so in errors); bad syntax names the line."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = err.problem or "invalid YAML"
        raise ContentError(
            f"This is not valid YAML: {problem}.",
            path=path,
            line=line,
            hint="Check the indentation and quoting on that line.",
        ) from err
    except yaml.reader.ReaderError as err:  # a control character: most often a binary file saved as .yaml
        line = text[: err.position].count("\n") + 1
        code = ord(err.character) if isinstance(err.character, str) else int(err.character)
        message = f"This is not YAML text: it holds the control character U+{code:04X}."
        hint = "Is it a binary file? A pack is YAML text saved as UTF-8."
        raise ContentError(message, path=path, line=line, hint=hint) from err
    except yaml.YAMLError as err:
        raise ContentError(f"This is not valid YAML: {err}.", path=path) from err
    finally:
        loader.dispose()
    lines = dict(_locations(node, ())) if node is not None else {}
    return YamlDocument(path=path, data=data, lines=lines)


def _locations(node: yaml.Node, here: Location) -> Iterator[tuple[Location, int]]:
    yield here, node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
            at_key = (*here, key)
            yield at_key, key_node.start_mark.line + 1
            for loc, line in _locations(value_node, at_key):
                if loc != at_key:
                    yield loc, line
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            yield from _locations(item, (*here, index))
