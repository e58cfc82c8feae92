"""The products a box's label names, and the roles a reviewer reads in them (the glossary is content,
``packs/products.yaml``): "BigQuery export + Looker" names a data warehouse and dashboards, "Firebase Remote
Config (rollout %)" remote configuration with a staged rollout percentage.

A product is named by its words in a row, case and plurals aside; where names overlap the longest wins
("Firebase Remote Config", not "Firebase"), and each stretch of the label names one product at most.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from sdcoach.content.products_schema import ProductGlossary, name_words

Phrase = tuple[str, ...]


def singular(word: str) -> str:
    """The word without a plural 's' ('evals', 'pipelines'; not 'class', 'status', 'analysis')."""
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _phrase(text: str) -> Phrase:
    return tuple(singular(w) for w in name_words(text))


@dataclass(frozen=True)
class Glossary:
    """Each product's spellings as word rows, by their first word, longest first, with the product's roles."""

    starts: Mapping[str, tuple[tuple[Phrase, str], ...]] = field(default_factory=dict)

    @classmethod
    def of(cls, pack: ProductGlossary) -> Glossary:
        """The glossary read from its content pack."""
        found: dict[str, list[tuple[Phrase, str]]] = {}
        for product in pack.products:
            roles = ", ".join(product.roles)
            for spelling in product.spellings:
                words = _phrase(spelling)
                found.setdefault(words[0], []).append((words, roles))
        return cls({w: tuple(sorted(rows, key=lambda r: -len(r[0]))) for w, rows in found.items()})

    def roles_in(self, label: str) -> tuple[str, ...]:
        """The roles of every product the label names, in the order named, each product once."""
        words = _phrase(label)
        found: list[str] = []
        at = 0
        while at < len(words):
            named = next(
                ((n, roles) for n, roles in self.starts.get(words[at], ()) if words[at : at + len(n)] == n), None
            )
            if named is None:
                at += 1
                continue
            if named[1] not in found:
                found.append(named[1])
            at += len(named[0])
        return tuple(found)


NO_GLOSSARY = Glossary()
