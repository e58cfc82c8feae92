"""The products a box's label names, and the roles a reviewer reads in them (the glossary is content,
``packs/products.yaml``): "BigQuery export + Looker" names a data warehouse and dashboards, "Firebase Remote
Config (rollout %)" remote configuration with a staged rollout percentage.

A product is named by its words in a row, case and plurals aside; where names overlap the one saying most besides
its maker's name wins ("Firebase Remote Config", not "Firebase"; "Amazon SageMaker endpoint" is SageMaker
Endpoints, not SageMaker), and each stretch of the label names one product at most. A
product's roles are also its kinds: a box naming another product of a kind a component is built on ('Amazon
Kinesis' where the scenario runs Apache Kafka) is read as if it named the component's own (Kinds).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from sdcoach.content.products_schema import ProductGlossary, name_words
from sdcoach.content.schema import Component

Phrase = tuple[str, ...]
# the makers' names a product's name may open with: saying them says nothing of what the product does
MAKERS = frozenset({"amazon", "aws", "google", "gcp", "microsoft", "azure", "apache", "nvidia", "hashicorp"})


@lru_cache(maxsize=65536)
def singular(word: str) -> str:
    """The word without a plural 's' ('evals', 'pipelines'; not 'class', 'status', 'analysis')."""
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _phrase(text: str) -> Phrase:
    return tuple(singular(w) for w in name_words(text))


@dataclass(frozen=True)
class Glossary:
    """Each product's spellings as word rows, by their first word, longest first; and each product's roles."""

    starts: Mapping[str, tuple[tuple[Phrase, str], ...]] = field(default_factory=dict)
    roles: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def of(cls, pack: ProductGlossary) -> Glossary:
        """The glossary read from its content pack."""
        found: dict[str, list[tuple[Phrase, str]]] = {}
        for product in pack.products:
            for spelling in product.spellings:
                words = _phrase(spelling)
                found.setdefault(words[0], []).append((words, product.name))
        starts = {w: tuple(sorted(rows, key=lambda r: -len(r[0]))) for w, rows in found.items()}
        return cls(starts, {p.name: p.roles for p in pack.products})

    def products_in(self, label: str) -> tuple[str, ...]:
        """The products the label names, in the order named, each once: where names overlap, the one saying
        more besides its maker's name ('Amazon SageMaker endpoint' names SageMaker Endpoints, not SageMaker)."""
        words = _phrase(label)
        spans = [
            (at, at + len(n), product)
            for at, word in enumerate(words)
            for n, product in self.starts.get(word, ())
            if words[at : at + len(n)] == n
        ]
        spans.sort(key=lambda s: (-sum(w not in MAKERS for w in words[s[0] : s[1]]), -(s[1] - s[0]), s[0]))
        taken: set[int] = set()
        chosen: list[tuple[int, str]] = []
        for start, end, product in spans:
            if not taken & set(range(start, end)):
                taken |= set(range(start, end))
                chosen.append((start, product))
        return tuple(dict.fromkeys(product for _, product in sorted(chosen)))

    def roles_in(self, label: str) -> tuple[str, ...]:
        """The roles of each product the label names, as one text per product."""
        return self.roles_of(self.products_in(label))

    def kinds_in(self, label: str) -> set[str]:
        """Every role of every product the label names: the kinds of product it names."""
        return self.kinds_of(self.products_in(label))

    def roles_of(self, products: Sequence[str]) -> tuple[str, ...]:
        """The roles of each of ``products`` (as ``products_in`` found them), as one text per product."""
        return tuple(", ".join(self.roles[p]) for p in products)

    def kinds_of(self, products: Sequence[str]) -> set[str]:
        """Every role of each of ``products``: the kinds of product they are."""
        return {kind for product in products for kind in self.roles[product]}


@dataclass(frozen=True)
class Kinds:
    """The kinds of product each component is built on (the glossary's roles of its technologies), each with how
    surely naming a product of that kind names the component: as naming its first technology or a later one
    would, less when several components are built on that kind ('Amazon Kinesis' for an event bus on Apache
    Kafka, 'Amazon Aurora' for a registry on PostgreSQL)."""

    weights: tuple[Mapping[str, float], ...]

    @classmethod
    def of(
        cls, components: Sequence[Component], glossary: Glossary, lead_and_other: tuple[float, float], shared: float
    ) -> Kinds:
        """Each component's kinds: a first technology's weighs ``lead_and_other[0]``, a later one's the second, and
        a kind several components list ``shared`` of that."""
        weights: list[dict[str, float]] = []
        for component in components:
            found: dict[str, float] = {}
            for index, technology in enumerate(component.technologies):
                weight = lead_and_other[0] if index == 0 else lead_and_other[1]
                for kind in glossary.kinds_in(technology):
                    found[kind] = max(found.get(kind, 0.0), weight)
            weights.append(found)
        listed = Counter(k for found in weights for k in found)
        return cls(tuple({k: w * (shared if listed[k] > 1 else 1.0) for k, w in found.items()} for found in weights))

    def alike(self, index: int, kinds: set[str]) -> float:
        """How surely a label naming products of these kinds names the component at ``index`` (0: none alike)."""
        return max((w for k, w in self.weights[index].items() if k in kinds), default=0.0)


NO_GLOSSARY = Glossary()
