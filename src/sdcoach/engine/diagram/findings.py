"""What a diagram check says: a finding's kind, the node or edge it is about, what the scenario expects."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class FindingKind(StrEnum):
    """What a finding says; values are stable (they are in the JSON output)."""

    OFF_TOPIC = "off_topic"
    COMPONENT_PRESENT = "component_present"
    COMPONENT_MISSING = "component_missing"
    COMPONENTS_MERGED = "components_merged"
    NODE_UNMATCHED = "node_unmatched"
    EDGE_MISSING = "edge_missing"
    EDGE_EXTRA = "edge_extra"
    EDGE_REVERSED = "edge_reversed"
    STAGE_DISCONNECTED = "stage_disconnected"
    LOOP_OPEN = "loop_open"
    SINGLE_POINT_OF_FAILURE = "single_point_of_failure"
    CROSS_TEAM = "cross_team"

    @property
    def is_problem(self) -> bool:
        """Whether the finding asks the candidate to change something (present and unmatched boxes do not)."""
        return self not in (FindingKind.COMPONENT_PRESENT, FindingKind.NODE_UNMATCHED)


@dataclass(frozen=True)
class Finding:
    """One thing the check saw: its kind, the node or edge it is about, what the scenario expects, and why."""

    kind: FindingKind
    where: str
    expected: str
    message: str
