"""The product glossary: what a reviewer reads in a product's name on a diagram box.

A candidate often names a box by the product it runs on ("BigQuery export + Looker", "Firebase Remote Config
(rollout %)", "MSK"), and a reviewer reads the role the product plays: a data warehouse and dashboards, staged
rollout configuration, an event stream. Each entry gives a product's name, the other ways a label writes it
(short forms, older names, and products of the same kind a reviewer reads the same way: Metabase beside Tableau)
and its role words, written from what the product is, not from any one diagram.

Names are matched as whole words, case aside, so a name or short form must not be an everyday word a label
uses in its own sense ("Glue", "Batch", "Segment" are listed only as "AWS Glue", "AWS Batch" ...).
"""

from __future__ import annotations

import re
from typing import Self

from pydantic import Field, model_validator

from sdcoach.content.base import Model, Text

# how a product's name is read as words: letters and digits, everything else a gap ('Pub/Sub' is 'pub sub')
NAME_WORDS = re.compile(r"[a-z0-9]+")


def name_words(text: str) -> tuple[str, ...]:
    """A name or label as the lower-case words a glossary name is matched on."""
    return tuple(NAME_WORDS.findall(text.lower()))


class Product(Model):
    """One product or managed service: its name, other spellings, and the roles a reviewer reads in it."""

    name: Text
    also: tuple[Text, ...] = ()
    roles: tuple[Text, ...] = Field(min_length=1)

    @property
    def spellings(self) -> tuple[str, ...]:
        """The name and its other spellings."""
        return (self.name, *self.also)


class ProductGlossary(Model):
    """Every product a label may name, each spelling belonging to one product only."""

    version: int = Field(ge=1)
    products: tuple[Product, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _one_product_per_spelling(self) -> Self:
        owner: dict[tuple[str, ...], str] = {}
        for product in self.products:
            for spelling in product.spellings:
                words = name_words(spelling)
                if not words:
                    raise ValueError(f"{product.name!r}: the spelling {spelling!r} has no letters or digits")
                if words in owner and owner[words] != product.name:
                    raise ValueError(
                        f"the spelling {spelling!r} names both {owner[words]!r} and {product.name!r}; keep it on one"
                    )
                owner[words] = product.name
        return self
