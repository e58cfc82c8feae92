"""A single point of failure on the hot path: a request-path component drawn once that the candidate's notes
give no failure story (a sentence that reads like the framework's examples of one: replicas, failover,
timeouts, a fallback, and that names the component where one of its clauses starts, as its subject)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

from sdcoach.engine.diagram.evidence import naming_part
from sdcoach.engine.diagram.findings import Finding, FindingKind
from sdcoach.engine.diagram.glossary import singular
from sdcoach.engine.diagram.match import FILLER
from sdcoach.engine.diagram.view import View
from sdcoach.engine.reader import Similarity
from sdcoach.engine.text import sentences_of, words_of

# A sentence tells a failure story when it is at least STORY close to the framework's failure examples and not
# more than AHEAD closer to its other design examples (measured with the items model: "if the quota service is
# down the gateway fails open" 0.40 vs 0.45; "three replicas ... if all fail we route to the large model" 0.43 vs
# 0.50; but "the endpoint picker sends each request to a vLLM replica" 0.38 vs 0.61, "quota lives in Redis"
# 0.28 vs 0.47: a sentence about what a part does, not what happens when it fails). AHEAD 0.15 also lets in
# "Job API is stateless behind the API server, so losing a replica costs nothing" (0.40 vs 0.53) and still keeps
# the endpoint-picker sentence out; diagset-a precision 0.902 at 0.1, 0.908 from 0.15 to 1.0
STORY = 0.35
AHEAD = 0.15
# a word in this many of the framework's failure phrasings and none of its other ones marks a failure story by
# itself, whatever the similarity says ("If CI or a training pipeline is down, nothing new is registered" is
# 0.24 close to the failure examples and 0.39 to the others). Measured on all 60, precision 0.900 without such
# words, 0.922 at 2 and 3 (21 words: down, outage, failover, retry...), 0.918 at 4, 0.911 at 5
CUE = 3
ENDINGS = ("", "s", "es", "d", "ed", "ing", "ure", "ures")
# a story is about what its clauses name first: a part named within the first SUBJECT words of a clause (filler
# left out); 'every model call and tool call is an activity with its own retry policy' in Temporal's story is
# no story for the policy engine. Measured on all 90 when the pass ended: precision 0.949 / recall 0.946 with a
# name anywhere in the sentence, 0.944 / 0.956 at 2 words, 0.944 / 0.954 at 3, 0.947 / 0.954 at 4, 0.946 / 0.949
# at 6 (the one false finding it adds is the agent platform's product agents, a caller diagset-c does not judge)
SUBJECT = 4
CLAUSE = re.compile(r"[,;:()]|\b(?:and|or|so|but|because|while|if|when|then|unless)\b", re.IGNORECASE)
BRACKETED = re.compile(r"\(([^)]*)\)")
ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]\b")
BULLET = re.compile(r"^\s*(?:[-*\u2022]|\d+[.)])\s+")


@dataclass(frozen=True)
class StoryExamples:
    """What a failure story sounds like, and what the rest of a design sounds like, to tell them apart."""

    failure: tuple[str, ...]
    other: tuple[str, ...]


def single_points_of_failure(view: View, notes: str, similarity: Similarity, examples: StoryExamples) -> list[Finding]:
    """One finding per request-path component drawn as a single box whose failure the notes never address."""
    own = {c: _own_words(view, c) for c in view.present}
    full = {c: _full_name(view.names[c]) for c in view.present}
    told = {c for s in _stories(_passages(notes), similarity, examples) for c in _subjects(s, own, full)}
    scenario, matching, hot_path = view.scenario, view.matching, view.hot_path()
    findings: list[Finding] = []
    for component_id in view.present:
        nodes = matching.nodes_of(component_id)
        if component_id not in hot_path or len(nodes) != 1:
            continue
        component = scenario.component(component_id)
        assert component is not None  # present ids come from the scenario
        if component_id in told:
            continue
        findings.append(
            Finding(
                FindingKind.SINGLE_POINT_OF_FAILURE,
                nodes[0],
                f"replicas, failover or a degraded mode for {component.name}",
                f"{component.name} is on the request path and drawn once, and the notes say "
                "nothing about what happens when it fails.",
                (component.id,),
            )
        )
    return findings


def _subjects(sentence: str, own: dict[str, set[str]], full: dict[str, set[str]]) -> set[str]:
    """The components a story is about: those named among the first words of one of its clauses, by a word of
    their own or by their whole name ('The model gateway runs three replicas' is the model gateway's story,
    though the tool gateway and the model pool share its words)."""
    found: set[str] = set()
    for clause in CLAUSE.split(sentence):
        words = [singular(w) for w in words_of(clause) if w not in FILLER][:SUBJECT]
        # a number after a word joins it, as an id writes it: 'if stage 2 misses its budget' is about stage2
        # (writer d precision 0.798 -> 0.802; a, b, c unchanged)
        words += [a + b for a, b in pairwise(words) if b.isdigit()]
        found |= {c for c, names in own.items() if names & set(words)}
        found |= {c for c, name in full.items() if len(name) >= 2 and name <= set(words)}
    return found


def _full_name(name: str) -> set[str]:
    """The words of a component's name, what it brackets left out ('Internal tool APIs (partners)')."""
    return _name_words(BRACKETED.sub(" ", name))


def _own_words(view: View, component_id: str) -> set[str]:
    """The words that name a component in the notes: those of its name, its id and what its box's label calls
    it that no other drawn component's name or box uses ('shard' names the ledger as much as the shard
    splitter), or all of them when none is its own."""

    def named(cid: str) -> set[str]:
        return _name_words(view.names[cid]) | {
            w for n in view.matching.nodes_of(cid) for w in _name_words(_head(view.label(n)))
        }

    words = named(component_id) | _name_words(component_id.replace("_", " ").replace("-", " "))
    others = {w for c in view.present if c != component_id for w in named(c)}
    return (words - others) or words


def _passages(notes: str) -> list[str]:
    """The notes' sentences, read after joining each wrapped line to its paragraph or bullet item (a line
    break inside a sentence does not end it: 'all state lives in the / Workload objects'), and each bullet
    item whole: a failure story often takes one ('Job API: 3 replicas; ... so an outage only delays submits')."""
    items: list[tuple[bool, list[str]]] = []
    for line in notes.splitlines():
        if not line.strip() or BULLET.match(line) or not items:
            items.append((bool(BULLET.match(line)), []))
        if line.strip():
            items[-1][1].append(BULLET.sub("", line).strip())
    joined = [(bullet, " ".join(lines)) for bullet, lines in items if lines]
    return [s.text for _, text in joined for s in sentences_of(text)] + [text for bullet, text in joined if bullet]


def _head(label: str) -> str:
    """What a label calls its box: the words before a describing phrase ('Launcher' of 'Launcher on Slurm with
    placement of ranks on pods': a story about ranks and pods is not the launcher's), and what it brackets."""
    return f"{naming_part(label)} {' '.join(BRACKETED.findall(label))}"


def _name_words(text: str) -> set[str]:
    """Words of three letters or more, and two-letter capitals ('CI', 'UI'), in the singular."""
    capitals = {w.lower() for w in ACRONYM.findall(text)}
    return {singular(w) for w in words_of(text) if len(w) >= 3 or w in capitals} - FILLER


def _stories(sentences: list[str], similarity: Similarity, examples: StoryExamples) -> list[str]:
    if not sentences or not examples.failure:
        return []
    failure = similarity(sentences, examples.failure)
    other = similarity(sentences, examples.other) if examples.other else [[0.0] for _ in sentences]
    cues = failure_words(examples)
    return [
        s
        for s, f, o in zip(sentences, failure, other, strict=True)
        if (max(f) >= STORY and max(f) >= max(o) - AHEAD) or any(_is_cue(w, cues) for w in words_of(s))
    ]


def failure_words(examples: StoryExamples) -> frozenset[str]:
    """The words only failure stories use: in CUE or more of the framework's failure phrasings and in none of
    its other design phrasings ('down', 'outage', 'failover', 'retry', 'fallback' is also a design word)."""
    failure = Counter(w for text in examples.failure for w in {singular(w) for w in words_of(text)})
    other = {singular(w) for text in examples.other for w in words_of(text)}
    return frozenset(w for w, n in failure.items() if n >= CUE and w not in other and w.isalpha() and len(w) >= 3)


def _is_cue(word: str, cues: frozenset[str]) -> bool:
    """A cue, or a cue with an ending ('failing', 'failed', 'failure' for 'fail'; 'retried' for 'retry'; not
    'model' for 'mode')."""
    if word.endswith(("ied", "ies")) and f"{word[:-3]}y" in cues:
        return True
    return any(word[: len(word) - len(ending)] in cues for ending in ENDINGS if word.endswith(ending))
