"""What a box's label says about each reference component: its meaning, the component's name words on it, the
technologies the component is built on named on it, and the team that owns it.

They are read the way a reviewer reads a label. Meaning: the similarity model's closeness of the label to
the component's name, its id read as words and the first sentence of its role. Name words: the share of the
name's words the label uses, a word also counting when the label abbreviates it ("ckpt", "svc", "tel agg").
Technology: a product the component is built on, named on the label ("Kafka" for an event bus, "Scylla" for
"ScyllaDB"; products.py reads the product names off the component's technologies); a product several
components list tells them apart less. Last, the team that owns it
(the pack's owner): a box named after a team that owns only this component of the scenario is this component.
And what the products a label names are (glossary.py, the product glossary): 'BigQuery export + Looker' is read
with 'data warehouse, analytics store ...' and 'dashboards ...' beside its own words, a little below them, and a
product of the kind a component is built on names it as its own product would ('Amazon Kinesis' for a Kafka bus).
What frames a label around its name is read past first (label_frame.py: a step's number, a question's words).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from sdcoach.content.schema import Component
from sdcoach.engine.diagram.glossary import NO_GLOSSARY, Glossary, Kinds, singular
from sdcoach.engine.diagram.label_frame import asked as asked_by
from sdcoach.engine.diagram.label_frame import unnumbered
from sdcoach.engine.diagram.products import LEAD_TECHNOLOGY, OTHER_TECHNOLOGY, names, product_names
from sdcoach.engine.reader import Similarity
from sdcoach.engine.text import words_of

# a product several of the scenario's components list ("Kafka", "Android") tells them apart less: it still names
# a box by itself as a first technology (0.75 x SHARED stays above match.MATCH, so SHARED > 0.53), but ranks
# below a product only one lists. Measured: diagset-a precision 0.887 without, 0.881 / 0.894 / 0.887 / 0.887 at
# 0.5 / 0.6 / 0.7 / 0.8; false findings on all 27 reference diagrams relabelled by vendor, vendor + role word,
# and role words (no labels involved): 85 without, 80 / 61 / 70 / 74
SHARED = 0.6
OVERLAP = 0.8  # the weight of the share of the component's name words on the box
ROLE = 0.9  # the role's first sentence counts a little below the name
# the technologies read as a phrase ("Delta service + relays"), well below the name: measured on diagset-a,
# precision 0.79 at 0.5, 0.816 from 0.55 to 0.65, 0.81 at 0.75, 0.68 at 0.9 (vendor names then outvote roles)
BUILT_ON = 0.6
# a box named after the team that owns only this component of the scenario ("GR modeling team" for the trainer,
# "Inference Platform" for serving) names it as plainly as its lead product does. Measured on all 90: precision
# 0.892 without, 0.911 at 0.5 and 0.6 (the GR ranking hosts' name still outbids "GR modeling team"), 0.947 at
# 0.75 and 0.9; a and b unchanged throughout
OWNER = LEAD_TECHNOLOGY
OWNED_BY = re.compile(r"[(;,]|\bwith\b|\bon\b")
# a box named after a team that owns a pair of components holds both ('Recs infra sequence pipeline': the
# sequence builder and store); a bigger team is a department, not a box ('ML Platform: Kueue' is the scheduler,
# not ML Platform's six components). Measured on all 90: precision 0.932 without, 0.939 at 2 and 3, 0.922 with
# any size (feed-ranking's 'Retrieval' team owns five)
TEAM_MERGE = 2
OWNING_TEAM = re.compile(r"[;,]|\bwith\b|\bon\b")
# a word this many of the scenario's component names use is a common noun there, not a name ('service' of
# 'Erasure service' beside a ranking and a risk service): it counts COMMON_WEIGHT of a word of its own towards
# the share of the name a label says, so 'ML Service - compute features...' no longer reads as the erasure
# service. Measured: writer d precision 0.802 -> 0.808; a, b, c unchanged. A word two names share ('ranker' of
# the first- and second-stage rankers) still names both: weighing it too cost diagset-a 0.961 -> 0.939
COMMON_NAME_WORD = 3
COMMON_WEIGHT = 0.5
# what the products a label names are (the glossary's roles: 'BigQuery' a data warehouse, 'Firebase Remote Config'
# staged rollout configuration) names a box a little less surely than the label's own words do. Measured on all
# five writers (precision a / b / c / d / e) from 0.693-0.969 without: 0.6 -> 0.969 / 0.969 / 0.940 / 0.907 /
# 0.721, 0.7 -> c 0.947, 0.8 -> 0.969 / 0.969 / 0.955 / 0.907 / 0.736, 0.9 -> b 0.984, d 0.876, e 0.730
GLOSSARY = 0.8
# a box named by another product of the kind the component is built on ('Amazon Kinesis' for an event bus on
# Apache Kafka, 'Amazon Aurora' for PostgreSQL: a role of the glossary shared) names it nearly as surely as the
# product itself. Measured on every scenario's reference drawn with the cloud service a team would run instead
# (bench/diagram_quality.py --swapped): 217 false findings without the glossary (24 of 27 called off-topic), 171
# with the products' roles alone, 51 / 29 / 28 at 0.7 / 0.9 / 1.0; the five writers unchanged up to 0.9, e 0.736
# -> 0.730 at 1.0 ('Feature store (Redis)' then ties with the Cassandra click store)
KIND = 0.9
# a label whose head noun (its last word) is the component name's own says more of the name than its other words
# do: 'Labeler time ledger' is the workforce service's time ledger, not the labeler workbench. Measured: e 0.736
# -> 0.759 from 0.1 to 0.4; a, c, d unchanged; b 0.969 -> 0.954 until the heads every box may have were left out
# ('Auth service' read as 'Caller services'); it counts only beside another word of the name, or 'offline store'
# in 'Online store + offline store' reads as the online store again, not a second part
HEAD = 0.1
ANY_BOX = frozenset({"service", "server", "system", "platform", "api", "layer", "tier", "component", "module", "app"})
REFERENCES = 4  # texts per component: name, id, role, technologies
TIE_BREAK = 0.05  # between components a box names equally, the closer in meaning
FILLER = frozenset({"and", "the", "of", "for", "with", "a", "an", "to", "on", "in", "per", "via", "by", "or"})
BRACKETED = re.compile(r"\([^)]*\)")
VOWELS = frozenset("aeiou")
# where a long label stops naming its box and starts describing it ('Kafka event streams for impressions,
# clicks and conversions' names the streams, not the click filter)
DESCRIBING = re.compile(r"\b(?:with|of|on|for|to|in|per|via|by|that|which|where)\b", re.IGNORECASE)
# initials are written in capitals ('FS', 'GR', 'S1'): a lower-case 'ds' is a word of its own, the partition
# column of '(Iceberg, daily ds)', not the deletion service. Measured: diagset-d precision 0.775 -> 0.798, all
# 120 0.893 -> 0.901; a, b and c unchanged (c's '(orchestrator + GR hosts)' is read as before)
CAPITALS = re.compile(r"\b[A-Z][A-Z0-9]+\b")
DIGITS_APART = re.compile(r"[a-z]+|[0-9]+")

Scores = list[dict[str, float]]


def closeness(
    texts: Sequence[str], components: Sequence[Component], similarity: Similarity, glossary: Glossary = NO_GLOSSARY
) -> Scores:
    """Per text, each component's closeness: the best of its meaning, name words and technology, and of what
    the products it names are (the glossary's roles, read the way the label is, at GLOSSARY of its weight)."""
    if not texts or not components:
        return [{} for _ in texts]
    texts = [unnumbered(t) for t in texts]
    references = [
        text for c in components for text in (c.name, c.id.replace("_", " "), _first_sentence(c.role), _built_on(c))
    ]
    products = [glossary.products_in(t) for t in texts]  # read once: their roles and their kinds both count
    read_as = [glossary.roles_of(named) for named in products]
    asked = [asked_by(t) for t in texts]
    extra = list(dict.fromkeys([*(r for named in read_as for r in named), *(a for a in asked if a)]))
    rows = similarity([*texts, *extra], references)
    by_text = dict(zip(extra, rows[len(texts) :], strict=True))
    names = _Names.of(components)
    kinds = Kinds.of(components, glossary, (LEAD_TECHNOLOGY, OTHER_TECHNOLOGY), SHARED)
    scores: Scores = []
    for text, row, named, question, found in zip(texts, rows[: len(texts)], read_as, asked, products, strict=True):
        words = set(words_of(text)) - FILLER
        kinds_named = glossary.kinds_of(found)
        capitals = {w.lower() for w in CAPITALS.findall(text)}
        role_words = {singular(w) for r in named for w in words_of(r)} - FILLER
        head, as_words = _head(text), _as_words(text)
        others = {w for w in words if singular(w) != head}
        score = {}
        for index, component in enumerate(components):
            meaning = 1.0 if as_words == names.ids[index] else _meaning(row, index)
            if question:  # 'Who writes the answer?' read as what it asks: 'writes answer'
                meaning = max(meaning, _meaning(by_text[question], index))
            overlap = OVERLAP if names.initials[index] & capitals else names.said(index, words, _abbreviates)
            if head and _abbreviates(head, names.heads[index]) and names.said(index, others, _abbreviates):
                overlap = min(OVERLAP, overlap + HEAD)  # 'Labeler time ledger' is a ledger, not the workbench
            read = max(
                [names.said(index, role_words, _same) if named else 0.0, *(_meaning(by_text[r], index) for r in named)]
            )
            alike = KIND * kinds.alike(index, kinds_named)
            score[component.id] = max([meaning, overlap, GLOSSARY * read, alike, *names.named(index, words)])
            score[component.id] += TIE_BREAK * meaning
        scores.append(score)
    return scores


@dataclass(frozen=True)
class _Names:
    """What names each component: its name words (a word many names use weighs less), initials, id, products
    and owning team."""

    components: Sequence[Component]
    words: list[set[str]]
    weight: dict[str, float]
    initials: list[set[str]]
    ids: list[tuple[str, ...]]
    products: list[dict[str, float]]
    teams: list[tuple[str, ...]]
    sole: Counter[tuple[str, ...]]
    heads: list[str]

    @classmethod
    def of(cls, components: Sequence[Component]) -> _Names:
        products = [product_names(c) for c in components]
        listed = Counter(p for names_of in products for p in names_of)
        products = [{p: w * (SHARED if listed[p] > 1 else 1.0) for p, w in ps.items()} for ps in products]
        # what a name brackets annotates it ('(upstream)', '(partner)', '(33 units of 4 nodes, EP32)'): a label
        # need not repeat it ('Takedowns' is the integrity takedown service). All 90 precision 0.944 -> 0.947
        words = [set(words_of(BRACKETED.sub(" ", c.name))) - FILLER for c in components]
        used = Counter(w for name in words for w in name)
        weight = {w: COMMON_WEIGHT if n >= COMMON_NAME_WORD else 1.0 for w, n in used.items()}
        ids = [_as_words(c.id.replace("_", " ").replace("-", " ")) for c in components]
        teams = [_team(c) for c in components]
        initials, heads = [_initials(c) for c in components], [_head(BRACKETED.sub(" ", c.name)) for c in components]
        return cls(components, words, weight, initials, ids, products, teams, Counter(teams), heads)

    def said(self, index: int, words: set[str], says: Callable[[str, str], bool]) -> float:
        """How much of the component's name the words say (OVERLAP for all of it)."""
        name = self.words[index]
        if not name:
            return 0.0
        said = sum(self.weight[n] for n in name if any(says(w, n) for w in words))
        return OVERLAP * said / sum(self.weight[n] for n in name)

    def named(self, index: int, words: set[str]) -> list[float]:
        """The weight of each product of the component the words name, and OWNER when they name its team."""
        found = [weight for product, weight in self.products[index].items() if names(words, product)]
        if self.sole[self.teams[index]] == 1 and names_team(words, self.teams[index]):
            found.append(OWNER)  # "Inference Platform" for the one component that team owns
        return found


def _head(text: str) -> str:
    """The head noun of what a label or name calls its box, its last word ('ledger' of 'Labeler time ledger',
    'workbench' of 'Labeler workbench'); none when that is a word any box may end in ('Auth service')."""
    found = [singular(w) for w in words_of(naming_part(text)) if w not in FILLER and not w.isdigit()]
    return found[-1] if found and found[-1] not in ANY_BOX else ""


def _same(word: str, name_word: str) -> bool:
    return word == singular(name_word)


def _meaning(row: Sequence[float], index: int) -> float:
    """A text's closeness in meaning to the component at ``index``: its name, id, role and technologies."""
    at = REFERENCES * index
    return float(max(row[at], row[at + 1], ROLE * row[at + 2], BUILT_ON * row[at + 3]))


def _team(component: Component, bracketed: bool = False) -> tuple[str, ...]:
    """The words of the team that leads the component's ownership ('Inference Platform' of 'Inference Platform
    (serving); product teams'), 'team' left out; ``bracketed``, with what the brackets say of it ('recs infra
    sequence pipeline' of 'recs infra (sequence pipeline) on streaming infra's clusters')."""
    lead = (OWNING_TEAM if bracketed else OWNED_BY).split(component.owner or "", maxsplit=1)[0]
    return tuple(sorted({w for w in _as_words(lead) if w != "team"}))


def names_team(words: set[str], team: tuple[str, ...]) -> bool:
    """Whether a label names the team: all its words, and the word 'team' when it has one word only ('Model
    teams' own the trainer, but 'Model registry' is no team)."""
    said = {singular(w) for w in words}
    return bool(team) and set(team) <= said and (len(team) > 1 or "team" in said)


def team_groups(components: Sequence[Component]) -> list[tuple[tuple[str, ...], list[str]]]:
    """Each team, read with its brackets, that owns two to TEAM_MERGE components: its words and their ids."""
    owned: dict[tuple[str, ...], list[str]] = {}
    for component in components:
        owned.setdefault(_team(component, bracketed=True), []).append(component.id)
    return [(team, ids) for team, ids in owned.items() if team and 2 <= len(ids) <= TEAM_MERGE]


def _as_words(text: str) -> tuple[str, ...]:
    return tuple(singular(w) for w in words_of(text) if w not in FILLER)


def _initials(component: Component) -> set[str]:
    """The component's name and id as initials ('fs' for Feature store), when two words or more; a number
    is a word of its own and stays whole ('s1' for an id stage1)."""
    found = set()
    for text in (component.name, component.id.replace("_", " ").replace("-", " ")):
        words = [p for w in words_of(text) if w not in FILLER for p in _digits_apart(w)]
        if len(words) >= 2:
            found.add("".join(w if w.isdigit() else w[0] for w in words))
            if not words[-1].isdigit():
                lead = "".join(w if w.isdigit() else w[0] for w in words[:-1])
                found |= {lead + short for short in _short_forms(words[-1])}
    return found


def _short_forms(word: str) -> set[str]:
    """How a code shortens the last word of a name after the others' initials ('TGW' for tool gateway, 'AREG'
    for agent registry, 'SAPI' for session API): the word itself, its first two to four letters, or its first
    letter with one or two of its later consonants in order ('gw', 'gtw')."""
    consonants = [ch for ch in word[1:] if ch.isalpha() and ch not in VOWELS]
    forms = {word, *(word[:n] for n in range(2, min(4, len(word) - 1) + 1))}
    forms |= {word[0] + a for a in consonants}
    forms |= {word[0] + a + b for i, a in enumerate(consonants) for b in consonants[i + 1 :]}
    return forms


def _digits_apart(word: str) -> list[str]:
    return DIGITS_APART.findall(word) if any(ch.isdigit() for ch in word) else [word]


@lru_cache(maxsize=65536)
def _abbreviates(word: str, full: str) -> bool:
    """The word itself, or a short form of it a label uses: a prefix ('tel', 'pred') or its consonants in
    order from the same first letter ('ckpt', 'svc', 'mgr'); either in the plural ('evals', 'defs')."""
    word, full = singular(word), singular(full)
    if word == full:
        return True
    if len(word) < 3 or len(word) >= len(full) or word[0] != full[0]:
        return False
    if full.startswith(word):
        return True
    if VOWELS & set(word[1:]):
        return False
    rest = iter(full)
    return all(ch in rest for ch in word)


def naming_part(label: str) -> str:
    """What a label calls its box: the words before a describing phrase, brackets left out ('Launcher' of
    'Launcher on Slurm with placement of ranks on pods', 'Kafka event streams' of 'Kafka event streams for
    impressions, clicks and conversions')."""
    return DESCRIBING.split(BRACKETED.sub(" ", label), maxsplit=1)[0].strip()


def _built_on(component: Component) -> str:
    return ", ".join(component.technologies) or component.name


def _first_sentence(text: str) -> str:
    return " ".join(text.split(". ")[0].split()[:16])
