"""A drawing's legend: letter-labelled boxes read by what the candidate's legend says they are, in both formats;
prose with a colon, or a single explained code, is no legend."""

from __future__ import annotations

import json

from sdcoach.engine.diagram.excalidraw import read_excalidraw
from sdcoach.engine.diagram.legend import legend_of
from sdcoach.engine.diagram.mermaid import read_mermaid


def test_a_legend_lists_codes_and_what_each_stands_for() -> None:
    legend = legend_of(["Legend: A = ads server/auction, P = pCTR predictor (GPU), K = Kafka\nC = Cassandra, 7d"])
    assert legend == {"A": "ads server/auction", "P": "pCTR predictor (GPU)", "K": "Kafka", "C": "Cassandra, 7d"}
    assert legend_of(["FS: feature store; OS - online store"]) == {"FS": "feature store", "OS": "online store"}


def test_codes_in_capitals_may_be_followed_by_their_words_alone() -> None:
    """'%% QP quota+policy ; KS kube-sched': no '=' needed after a code in capitals; a capitalised word before
    prose ('The trainer reads...', 'Ok then') is no code."""
    legend = legend_of(["QP quota+policy ; KS kube-sched ; MTR metering"])
    assert legend == {"QP": "quota+policy", "KS": "kube-sched", "MTR": "metering"}
    assert legend_of(["The trainer reads from S3; Ok then, we ship"]) == {}
    diagram = read_mermaid("%% KS kube-sched ; HC health\nflowchart LR\n  HC --> KS")
    assert [n.label for n in diagram.nodes] == ["health", "kube-sched"]


def test_prose_with_one_colon_is_no_legend() -> None:
    assert legend_of(["Note: the trainer reads from S3 every hour"]) == {}
    assert legend_of(["Ads ranking, v2 (draft)"]) == {}


def test_mermaid_comments_or_a_loose_box_explain_the_letters() -> None:
    commented = read_mermaid("flowchart LR\n  A --> B\n  B --> C\n%% A = Kafka, B = Flink joiner\n%% C = Redis")
    assert [n.label for n in commented.nodes] == ["Kafka", "Flink joiner", "Redis"]
    boxed = read_mermaid('flowchart LR\n  A --> B\n  key["A = Kafka<br>B = Flink joiner"]')
    assert [n.label for n in boxed.nodes] == ["Kafka", "Flink joiner"]  # the legend's own box is not a component


def test_an_excalidraw_legend_is_loose_text_and_only_whole_codes_change() -> None:
    def box(i: str, text: str) -> list[dict[str, object]]:
        return [
            {"id": i, "type": "rectangle", "boundElements": [{"id": f"t{i}", "type": "text"}]},
            {"id": f"t{i}", "type": "text", "text": text, "containerId": i},
        ]

    arrow = {"id": "a1", "type": "arrow", "startBinding": {"elementId": "x"}, "endBinding": {"elementId": "y"}}
    legend = {"id": "l", "type": "text", "text": "Legend:\nK = Kafka\nF = Flink", "containerId": None}
    drawing = {"type": "excalidraw", "elements": [*box("x", "K"), *box("y", "Fraud model"), arrow, legend]}
    diagram = read_excalidraw(json.dumps(drawing))
    assert [n.label for n in diagram.nodes] == ["Kafka", "Fraud model"]


def test_a_code_inside_a_longer_label_is_read_by_what_it_stands_for() -> None:
    """'TDB job (nightly)' with 'TDB = training data builder' is the training data builder's job; a one-letter
    code stays a word of its own ('A/B test' with 'A = ads server'), as does a code in another case."""
    diagram = read_mermaid(
        "%% TDB = training data builder ; FS = feature store ; A = ads server\n"
        'flowchart LR\n  t["TDB job (nightly)"] --> f["FS online"]\n  f --> x["A/B test on fs"]\n  x --> a[A]'
    )
    labels = [n.label for n in diagram.nodes]
    assert labels == ["training data builder job (nightly)", "feature store online", "A/B test on fs", "ads server"]


def test_a_code_with_a_suffix_is_the_variant_its_legend_brackets_name() -> None:
    """'SFJ-R' and 'SFJ-I' beside 'SFJ = streaming feature job (R ranking, I integrity)' are the ranking job and
    the integrity job; a suffix the brackets do not explain is kept after it; a code that is no key stays whole."""
    text = (
        'flowchart LR\n  legend["Legend: SFJ = streaming feature job (R ranking, I integrity), FCL = changelog"]'
        "\n  R[SFJ-R] --> F[FCL]\n  I[SFJ-I] --> F\n  X[SFJ-2] --> F\n  Q[QQ-R] --> F"
    )
    labels = {n.id: n.label for n in read_mermaid(text).nodes}
    assert labels["R"] == "streaming feature job ranking"
    assert labels["I"] == "streaming feature job integrity"
    assert labels["X"] == "streaming feature job 2"
    assert labels["Q"] == "QQ-R"
