"""Find, parse and validate content packs: the built-in ones and the user's own scenario folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from sdcoach.content.demo_schema import DemoScript
from sdcoach.content.diagram_questions_schema import DiagramQuestions
from sdcoach.content.drill_schema import DrillPack
from sdcoach.content.framework_schema import Framework, Rubric
from sdcoach.content.grading_schema import Grading
from sdcoach.content.hardware_schema import Registry
from sdcoach.content.interviewer_schema import InterviewerPack
from sdcoach.content.names import closest
from sdcoach.content.pack_cache import cached_scenario, store_scenario
from sdcoach.content.phrasing_schema import PhrasingRules
from sdcoach.content.products_schema import ProductGlossary
from sdcoach.content.schema import Scenario, SearchIntents
from sdcoach.content.tradeoff_schema import LibraryTradeoff
from sdcoach.content.yaml_source import YamlDocument, read_yaml
from sdcoach.errors import ContentError, UnknownNameError

PACKS_DIR = Path(__file__).parent / "packs"
BUILT_IN = "built-in"

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class LoadedScenario:
    """A validated scenario and where it came from (``built-in`` or the user's file)."""

    scenario: Scenario
    source: str
    path: Path

    @property
    def is_built_in(self) -> bool:
        """True for the packs shipped with sdcoach."""
        return self.source == BUILT_IN


@dataclass(frozen=True)
class SkippedPack:
    """A user's pack left out of the library, and the first thing wrong with it (``content lint`` lists all)."""

    path: Path
    line: int | None
    problem: str

    @property
    def location(self) -> str:
        """'file:line', or the file when the problem has no line."""
        return f"{self.path}:{self.line}" if self.line is not None else str(self.path)


@dataclass(frozen=True)
class Library:
    """Every scenario available, user packs overriding built-in ones with the same slug; a user's pack that does
    not load is skipped (and listed) rather than blocking the rest."""

    entries: tuple[LoadedScenario, ...]
    skipped: tuple[SkippedPack, ...] = ()

    @property
    def slugs(self) -> tuple[str, ...]:
        """Slugs in library order."""
        return tuple(e.scenario.slug for e in self.entries)

    def entry(self, slug: str) -> LoadedScenario:
        """The scenario with this slug, or an error suggesting the closest slugs."""
        wanted = slug.strip().lower()
        for entry in self.entries:
            if entry.scenario.slug == wanted:
                return entry
        raise UnknownNameError("scenario", slug, closest(wanted, self.slugs), self.slugs)

    def get(self, slug: str) -> Scenario:
        """The scenario with this slug (see ``entry``)."""
        return self.entry(slug).scenario


def parse_model(model: type[M], document: YamlDocument) -> M:
    """Validate a parsed document; errors name the file, the line and the field."""
    _require_mapping(document)
    try:
        return model.model_validate(document.data)
    except ValidationError as err:
        raise _content_error(err, document) from err


def scenario_problems(path: Path) -> list[ContentError]:
    """Every problem that keeps a scenario file from loading, each with its line and field; none when it loads."""
    try:
        document = read_yaml(path)
        _require_mapping(document)
    except ContentError as err:
        return [err]
    try:
        Scenario.model_validate(document.data)
    except ValidationError as err:
        return [_one_problem(problem, document) for problem in err.errors(include_url=False)]
    return []


def load_framework(path: Path | None = None) -> Framework:
    """The IC6 checklist (built-in unless a path is given)."""
    return parse_model(Framework, read_yaml(path or PACKS_DIR / "framework.yaml"))


def load_rubric(path: Path | None = None) -> Rubric:
    """The scoring rubric (built-in unless a path is given)."""
    return parse_model(Rubric, read_yaml(path or PACKS_DIR / "rubric.yaml"))


def load_registry(path: Path | None = None) -> Registry:
    """The estimator's accelerator and model registries (built-in unless a path is given)."""
    return parse_model(Registry, read_yaml(path or PACKS_DIR / "registry.yaml"))


def load_grading(path: Path | None = None) -> Grading:
    """The grader's markers, fitted model, bands and feedback wording (built-in unless a path is given)."""
    return parse_model(Grading, read_yaml(path or PACKS_DIR / "grading.yaml"))


def load_interviewer(path: Path | None = None) -> InterviewerPack:
    """The interviewer's own words (built-in unless a path is given)."""
    return parse_model(InterviewerPack, read_yaml(path or PACKS_DIR / "interviewer.yaml"))


def load_diagram_questions(path: Path | None = None) -> DiagramQuestions:
    """The interviewer's questions about the candidate's diagram (built-in unless a path is given)."""
    return parse_model(DiagramQuestions, read_yaml(path or PACKS_DIR / "diagram_questions.yaml"))


def load_products(path: Path | None = None) -> ProductGlossary:
    """The product glossary a diagram's labels are read with (built-in unless a path is given)."""
    return parse_model(ProductGlossary, read_yaml(path or PACKS_DIR / "products.yaml"))


def load_demo(path: Path | None = None) -> DemoScript:
    """The scripted demo candidate (built-in unless a path is given)."""
    return parse_model(DemoScript, read_yaml(path or PACKS_DIR / "demo.yaml"))


def load_phrasing(path: Path | None = None) -> PhrasingRules:
    """What a backend's wording is checked for (built-in unless a path is given)."""
    return parse_model(PhrasingRules, read_yaml(path or PACKS_DIR / "phrasing.yaml"))


def load_drills(path: Path | None = None) -> DrillPack:
    """What the tradeoff drill and the pitch coach look for (built-in unless a path is given)."""
    return parse_model(DrillPack, read_yaml(path or PACKS_DIR / "drills.yaml"))


def load_search_intents(path: Path | None = None) -> SearchIntents:
    """The question cues that lift a walkthrough section in search (built-in unless a path is given)."""
    return parse_model(SearchIntents, read_yaml(path or PACKS_DIR / "search.yaml"))


def load_tradeoff(path: Path) -> LibraryTradeoff:
    """One library tradeoff (a decision with its scored options) from a YAML file."""
    return parse_model(LibraryTradeoff, read_yaml(path))


def load_tradeoff_library(folder: Path | None = None) -> tuple[LibraryTradeoff, ...]:
    """Every library tradeoff, sorted by id (built-in unless a folder is given)."""
    tradeoffs = [load_tradeoff(p) for p in scenario_files(folder or PACKS_DIR / "tradeoffs")]
    return tuple(sorted(tradeoffs, key=lambda t: t.id))


def load_scenario(path: Path) -> Scenario:
    """One scenario pack from a YAML file."""
    return parse_model(Scenario, read_yaml(path))


def scenario_files(folder: Path) -> list[Path]:
    """The scenario pack files in a folder, sorted; a missing folder holds none."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in {".yaml", ".yml"} and p.is_file())


def load_library(user_dir: Path | None = None, cache_dir: Path | None = None) -> Library:
    """Built-in scenarios plus the user's folder; a user pack replaces a built-in one of the same slug.

    A user pack that does not load (or repeats another user pack's slug) is skipped with its first problem,
    so one bad file never blocks the built-in library. With a ``cache_dir``, validated packs are reused until
    their file changes."""
    by_slug: dict[str, LoadedScenario] = {}
    for path in scenario_files(PACKS_DIR / "scenarios"):
        scenario = _load_cached(path, cache_dir)
        by_slug[scenario.slug] = LoadedScenario(scenario, BUILT_IN, path)
    user_seen: dict[str, Path] = {}
    skipped: list[SkippedPack] = []
    for path in scenario_files(user_dir) if user_dir else []:
        try:
            scenario = _load_cached(path, cache_dir)
        except ContentError as err:
            field = f"{err.field}: " if err.field and not err.message.startswith(err.field) else ""
            skipped.append(SkippedPack(path, err.line, f"{field}{err.message}"))
            continue
        if scenario.slug in user_seen:
            problem = f"slug: {scenario.slug!r} is already used by {user_seen[scenario.slug]}; give it its own slug."
            skipped.append(SkippedPack(path, None, problem))
            continue
        user_seen[scenario.slug] = path
        by_slug[scenario.slug] = LoadedScenario(scenario, str(path), path)
    return Library(tuple(by_slug.values()), tuple(skipped))


def _load_cached(path: Path, cache_dir: Path | None) -> Scenario:
    scenario = cached_scenario(path, cache_dir)
    if scenario is None:
        scenario = load_scenario(path)
        store_scenario(path, cache_dir, scenario)
    return scenario


def _require_mapping(document: YamlDocument) -> None:
    if not isinstance(document.data, dict):
        raise ContentError(
            f"Expected a mapping of keys at the top of the file, found {_kind(document.data)}.",
            path=document.path,
            line=1,
        )


def _content_error(err: ValidationError, document: YamlDocument) -> ContentError:
    problems = err.errors(include_url=False)
    first = _one_problem(problems[0], document)
    more = len(problems) - 1
    if more:
        first.hint = f"({more} more problem{'s' if more != 1 else ''} in this file; `sdcoach content lint` lists them.)"
    return first


def _one_problem(problem: Any, document: YamlDocument) -> ContentError:
    location = tuple(problem["loc"])
    return ContentError(
        _describe(problem, document, location),
        path=document.path,
        line=document.line_of(location),
        field=_field_name(location) or None,
    )


def _describe(problem: Any, document: YamlDocument, location: tuple[str | int, ...]) -> str:
    kind = problem["type"]
    if kind == "extra_forbidden":
        return f"Unknown key {location[-1]!r}; check its spelling against the content model."
    if kind == "missing":
        return "This required key is missing."
    message = str(problem["msg"]).rstrip(".")
    if message.startswith("Value error, "):
        message = message.removeprefix("Value error, ")
    given = problem.get("input")
    if isinstance(given, (str, int, float, bool)) and not isinstance(given, dict):
        shown = repr(given) if len(repr(given)) <= 60 else repr(given)[:57] + "...'"
        return f"{message}; got {shown}."
    return f"{message}."


def _field_name(location: tuple[str | int, ...]) -> str:
    name = ""
    for part in location:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else str(part))
    return name


def _kind(value: object) -> str:
    if value is None:
        return "an empty document"
    if isinstance(value, list):
        return "a list"
    return f"a {type(value).__name__}"
