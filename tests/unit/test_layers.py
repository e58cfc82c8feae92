"""The arrows point inward (DESIGN.md): each layer imports only the layers it may, and no module imports itself
back through others. Read from the source, function-level imports included, so a lazy import counts too."""

from __future__ import annotations

import ast
import sys
from functools import cache
from pathlib import Path

SRC = Path(__file__).parents[2] / "src"

# layer -> the sdcoach layers it must never import
FORBIDDEN = {
    "engine": {"services", "store", "backends", "nlp", "cli", "web", "present", "config"},
    "content": {"engine", "services", "store", "backends", "nlp", "cli", "web", "present"},
    "cli": {"store"},
    "web": {"store"},
    "store": {"services", "cli", "web"},
}
ENGINE_MAY_IMPORT = {"pint", "pydantic", "typing_extensions", "lark"}


@cache
def imports() -> dict[str, set[str]]:
    """Every sdcoach module and the sdcoach modules (or third-party packages) it imports, anywhere in it."""
    found: dict[str, set[str]] = {}
    for path in (SRC / "sdcoach").rglob("*.py"):
        if "migrations" in path.parts:
            continue
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        package = name if parts[-1] == "__init__" else name.rsplit(".", 1)[0]
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*anchor, *([node.module] if node.module else [])])
                targets.add(base)
                targets |= {f"{base}.{alias.name}" for alias in node.names}
        found[name] = targets
    return found


def layer(module: str) -> str:
    return module.split(".")[1] if module.count(".") else ""


def test_no_layer_imports_against_the_arrows() -> None:
    wrong = sorted(
        f"{module} imports {target}"
        for module, targets in imports().items()
        for target in targets
        if target in imports() and layer(target) in FORBIDDEN.get(layer(module), set())
    )
    assert wrong == []


def test_the_engine_imports_only_the_standard_library_and_small_pure_libraries() -> None:
    outside = sorted(
        f"{module} imports {target}"
        for module, targets in imports().items()
        if layer(module) == "engine"
        for target in targets
        if not target.startswith("sdcoach")
        and target.split(".")[0] not in sys.stdlib_module_names | ENGINE_MAY_IMPORT | {"__future__"}
    )
    assert outside == []


def test_no_module_imports_itself_back_through_others() -> None:
    graph = {m: {t for t in targets if t in imports() and t != m} for m, targets in imports().items()}
    cycles = [sorted(group) for group in _strongly_connected(graph) if len(group) > 1]
    assert cycles == []


def test_the_check_sees_a_wrong_import() -> None:
    # guards the reading itself: a known import must be seen, or the tests above would pass vacuously
    assert "sdcoach.services.content_check" in imports()["sdcoach.cli.content"]
    assert "sdcoach.cli.formats.ViewFormat" in imports()["sdcoach.cli.drill"]


def _strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iterative: the groups of modules that reach each other."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                groups.append(group)
    return groups
