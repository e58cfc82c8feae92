"""How a box named by a product is read: as its label plus the roles of the products it names (the product
glossary, packs/products.yaml). The word-overlap stand-in, or no similarity at all, replaces the model; the
scenarios and the glossary are the shipped packs."""

from __future__ import annotations

import pytest

from sdcoach.content.loader import load_products
from sdcoach.content.products_schema import Product, ProductGlossary
from sdcoach.engine.diagram.check import check_diagram
from sdcoach.engine.diagram.evidence import OVERLAP, closeness
from sdcoach.engine.diagram.glossary import Glossary, Kinds
from sdcoach.engine.diagram.match import MATCH
from sdcoach.engine.diagram.mermaid import read_mermaid
from tests.fakes import overlap
from tests.unit.engine.test_diagram_reading import LIBRARY, drawn
from tests.unit.engine.test_diagram_reading_writers import unrelated

GLOSSARY = Glossary.of(load_products())
FEATURE_STORE = LIBRARY.get("feature-store")


def small(*products: Product) -> Glossary:
    return Glossary.of(ProductGlossary(version=1, products=products))


def test_the_longest_name_wins_and_each_product_is_read_once() -> None:
    glossary = small(
        Product(name="Firebase", roles=("app backend",)),
        Product(name="Firebase Remote Config", also=("Remote Config",), roles=("staged rollout",)),
    )
    assert glossary.roles_in("Firebase Remote Config (rollout %)") == ("staged rollout",)
    assert glossary.roles_in("Remote configs, remote config in Firebase") == ("staged rollout", "app backend")


def test_names_are_whole_words_case_and_plurals_aside() -> None:
    glossary = small(Product(name="AWS Glue", also=("Glue job",), roles=("managed ETL",)))
    assert glossary.roles_in("nightly glue jobs") == ("managed ETL",)
    assert glossary.roles_in("glue code") == ()
    assert glossary.roles_in("GlueJob") == ()


def test_a_product_is_read_by_what_it_is() -> None:
    """'BigQuery' says none of the warehouse's name, 'DynamoDB' none of the online store's: the glossary's roles
    (a data warehouse; a key-value online store) do."""
    components = [FEATURE_STORE.component("warehouse"), FEATURE_STORE.component("online_store")]
    assert all(c is not None for c in components)
    labels = ["BigQuery", "DynamoDB"]
    bare = closeness(labels, components, unrelated)  # type: ignore[arg-type]
    read = closeness(labels, components, unrelated, GLOSSARY)  # type: ignore[arg-type]
    assert bare[0]["warehouse"] < MATCH <= read[0]["warehouse"]
    assert bare[1]["online_store"] < MATCH <= read[1]["online_store"]
    assert read[0]["online_store"] < MATCH and read[1]["warehouse"] < MATCH


def test_a_diagram_drawn_with_cloud_products_draws_the_components() -> None:
    """The feature store's reference drawn with a managed warehouse and key-value store: both boxes stand for
    their components, and nothing is missing (the arrows alone pin 'DynamoDB' down; 'BigQuery' needs the
    glossary)."""
    text = drawn(
        "feature-store",
        replace={'["Company data warehouse"]': '["BigQuery"]', '["Online store"]': '["DynamoDB"]'},
    )
    assert "BigQuery" in text and "DynamoDB" in text
    diagram = read_mermaid(text)
    bare = check_diagram(diagram, FEATURE_STORE, overlap)
    read = check_diagram(diagram, FEATURE_STORE, overlap, glossary=GLOSSARY)
    missing = {c for f in bare.problems if f.kind.value == "component_missing" for c in f.components}
    assert "warehouse" in missing
    assert not [f for f in read.problems if f.kind.value == "component_missing"]
    assert read.matching.nodes_of("warehouse") == ("warehouse",)
    assert read.matching.nodes_of("online_store") == ("online_store",)


def test_another_product_of_the_kind_a_component_is_built_on_names_it() -> None:
    """The event bus runs Apache Kafka: 'Amazon Kinesis' (an event stream too) names it, though neither its
    words nor its roles say 'bus'; it does not name the warehouse, built on Iceberg and Spark."""
    components = [FEATURE_STORE.component("kafka_bus"), FEATURE_STORE.component("warehouse")]
    bare = closeness(["Amazon Kinesis"], components, unrelated)  # type: ignore[arg-type]
    read = closeness(["Amazon Kinesis"], components, unrelated, GLOSSARY)  # type: ignore[arg-type]
    assert bare[0]["kafka_bus"] < MATCH <= read[0]["kafka_bus"]
    assert read[0]["warehouse"] < MATCH
    kinds = Kinds.of(components, GLOSSARY, (0.75, 0.35), 0.6)  # type: ignore[arg-type]
    assert kinds.alike(0, GLOSSARY.kinds_in("Kinesis")) == 0.75
    assert kinds.alike(0, GLOSSARY.kinds_in("Redshift")) == 0.0


def test_the_head_noun_of_a_label_says_what_the_box_is() -> None:
    """'Labeler time ledger' says a word of the labeler workbench and two of the workforce service's time ledger:
    half of each name, but it is a ledger. A head every box may have ('Auth service') says no more than its
    share ('Caller services')."""
    labeling = LIBRARY.get("labeling-platform")
    ledger = closeness(["Labeler time ledger"], labeling.components, unrelated)[0]
    assert ledger["workforce-service"] > ledger["workbench"] >= MATCH
    serving = LIBRARY.get("inference-serving")
    auth = closeness(["Auth service"], serving.components, unrelated)[0]
    assert auth["callers"] == pytest.approx(OVERLAP / 2)  # 'service', one of its two name words


def test_where_names_overlap_the_one_saying_more_than_its_maker_wins() -> None:
    """'Amazon SageMaker endpoint' opens with 'Amazon SageMaker' but names SageMaker Endpoints; 'Google Vertex AI
    Pipelines' names the pipelines, not Vertex AI."""
    assert GLOSSARY.products_in("Amazon SageMaker endpoint") == ("SageMaker Endpoints",)
    assert GLOSSARY.products_in("Google Vertex AI Pipelines (nightly)") == ("Vertex AI Pipelines",)
    assert GLOSSARY.products_in("Amazon S3 + Athena, S3 again") == ("Amazon S3", "Amazon Athena")


@pytest.mark.parametrize(
    ("label", "component"),
    [
        ("Azure Stream Analytics", "stream_compute"),
        ("Databricks Online Tables", "online_store"),
    ],
)
def test_azure_and_databricks_services_are_read_by_what_they_are(label: str, component: str) -> None:
    """Managed services a team on Azure or Databricks names its boxes by: without the glossary they say nothing
    of the feature store's components (the word-overlap stand-in), with it they name the one they are."""
    bare = closeness([label], FEATURE_STORE.components, overlap)[0]
    read = closeness([label], FEATURE_STORE.components, overlap, GLOSSARY)[0]
    assert max(read, key=read.__getitem__) == component
    assert bare[component] < read[component]
