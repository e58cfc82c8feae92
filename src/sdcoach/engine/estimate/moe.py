"""Mixture-of-experts arithmetic: how big one routed expert is, and how many a decode step touches.

A published MoE gives its total and active parameters and its expert counts, not the size of one
expert. With E routed experts of which k serve each token, total = always + E x e and
active = always + k x e, so one routed expert (summed over the MoE layers) holds
e = (total - active) / (E - k), and the always-read part is active - k x e. For DeepSeek-V3,
(671B - 37B) / (256 - 8) = 2.56B, which is 58 MoE layers x 3 x 7168 x 2048 = 2.55B.
"""

from __future__ import annotations

from dataclasses import dataclass

from sdcoach.errors import UsageError


@dataclass(frozen=True)
class RoutedExperts:
    """The routed part of a mixture of experts: how many experts, how many per token, bytes in each."""

    experts: int
    per_token: int
    bytes_per_expert: float

    def touched(self, tokens: float) -> float:
        """Experts one step reads for ``tokens`` tokens, expected under uniform routing: E (1 - (1 - k/E)^n)."""
        missed: float = (1 - self.per_token / self.experts) ** tokens
        return self.experts * (1 - missed)


def expert_params(*, total: float, active: float, experts: int, per_token: int) -> float:
    """Parameters in one routed expert, summed over the MoE layers: (total - active) / (E - k)."""
    if not 0 < per_token < experts:
        raise UsageError(f"A mixture of experts needs 0 < experts per token < experts; got {per_token} of {experts}.")
    if not 0 < active < total:
        raise UsageError(f"Active parameters must be fewer than the total; got {active:g} of {total:g}.")
    return (total - active) / (experts - per_token)


def routed_experts(
    *, total: float, active: float, experts: int, per_token: int, bytes_per_param: float
) -> RoutedExperts:
    """The routed experts of a model from its published totals, in bytes at ``bytes_per_param``."""
    size = expert_params(total=total, active=active, experts=experts, per_token=per_token)
    return RoutedExperts(experts, per_token, size * bytes_per_param)
