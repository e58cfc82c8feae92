"""The product glossary pack: it loads, covers the products a reviewer meets on ML-infrastructure diagrams,
and refuses a spelling that would name two products."""

from __future__ import annotations

from pathlib import Path

import pytest

from sdcoach.content.loader import load_products
from sdcoach.content.products_schema import name_words
from sdcoach.errors import ContentError

GLOSSARY = load_products()


def test_the_glossary_holds_the_products_ml_teams_build_on() -> None:
    spellings = {name_words(s) for p in GLOSSARY.products for s in p.spellings}
    assert len(GLOSSARY.products) >= 250
    for product in ("BigQuery", "Kinesis", "Pub/Sub", "Step Functions", "Vertex AI Pipelines", "W&B", "KServe"):
        assert name_words(product) in spellings, product


def test_everyday_words_name_no_product() -> None:
    """A label's own words ('glue code', 'batch jobs', 'multi-modal', 'materialize features') are not products."""
    spellings = {name_words(s) for p in GLOSSARY.products for s in p.spellings}
    for word in ("glue", "batch", "modal", "materialize", "segment", "scale", "lambda", "beam", "temporal"):
        assert (word,) not in spellings, word


def test_a_spelling_of_two_products_is_refused_with_its_line(tmp_path: Path) -> None:
    pack = tmp_path / "products.yaml"
    pack.write_text(
        "version: 1\nproducts:\n"
        "  - {name: Apache Kafka, also: [Kafka], roles: [event stream]}\n"
        "  - {name: Kafka, roles: [a novelist]}\n"
    )
    with pytest.raises(ContentError, match="'Kafka' names both 'Apache Kafka' and 'Kafka'"):
        load_products(pack)


def test_a_product_needs_its_roles(tmp_path: Path) -> None:
    pack = tmp_path / "products.yaml"
    pack.write_text("version: 1\nproducts:\n  - {name: Apache Kafka, roles: []}\n")
    with pytest.raises(ContentError, match="roles"):
        load_products(pack)
