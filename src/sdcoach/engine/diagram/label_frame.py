"""What frames a box's label around the name of what it is, read past before the name is: a step's number a
writer who numbers the flow puts before it ('1. Event bus', 'Step 5: Online store'), and the question a box
labelled as a question asks ('Where do weights live?' is read by 'weights live' as well as whole; in a diamond,
a flowchart's decision, it is a gate the flow passes)."""

from __future__ import annotations

import re

from sdcoach.engine.diagram.graph import Node

# a step's number a writer who numbers the flow puts before a box's name ('1. Event bus', '(3) Features', 'Step 5:
# Online store', '⑥ Offline store'): what the box is comes after it. A bare number and a space is a count ('2 GPUs')
STEP = re.compile(
    r"^\s*(?:(?:step\s*)\d{1,2}[a-z]?[.):]?\s*[-:\u2013]?\s*|[(\[]\d{1,2}[a-z]?[)\]]\s*"
    r"|\d{1,2}[a-z]?(?:[.):](?=\s)|\s+[-\u2013]\s)\s*|[\u2460-\u2473\u2776-\u277f]\s*)",
    re.IGNORECASE,
)
# a box labelled with the question it answers ('Where do weights live?', 'Who pays?') is read by what it asks as
# well as whole: its words less the question's frame. Measured: the five writers unchanged (the model's
# closeness of e's question boxes rises a little, 'Who writes the answer?' 0.56 -> 0.72 to the answer service, but
# 'Who pays?' says nothing of metering either way: what is missing there is vocabulary, not noise)
QUESTION = re.compile(r"\?\s*(?:\([^)]*\)\s*)?$")
QUESTION_FRAME = frozenset(
    "who whom whose what where when which how why is are was were do does did can could should would will may might "
    "we it they our us you i the a an there".split()
)
# what a diamond holding a question is (a flowchart's decision): measured, writer e precision 0.759 -> 0.785 with
# 'gate' or 'check gate', unchanged with 'decision'; a, b, c, d unchanged (their diamonds hold no questions)
DECISION = "gate"


def unnumbered(label: str) -> str:
    """The label without a step's number before its name ('Online store' of 'Step 5: Online store'); the label
    itself when nothing is left past the number."""
    return STEP.sub("", label, count=1) or label


def asked(label: str) -> str:
    """What a label shaped as a question asks, its content words ('weights live' of 'Where do weights live?');
    empty for any other label."""
    if not QUESTION.search(label):
        return ""
    return " ".join(w for w in re.findall(r"[\w/+.-]+", label) if w.lower() not in QUESTION_FRAME)


def as_read(node: Node) -> str:
    """A box's label as a reviewer reads it: a question in a diamond is a decision the flow passes, a gate
    ('Beats champion?' is the evaluation gate, 'Data valid?' the validation check)."""
    label = node.label or node.id
    return f"{label} ({DECISION})" if node.shape == "diamond" and "?" in label else label
