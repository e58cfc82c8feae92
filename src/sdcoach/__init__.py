"""sdcoach: a coach for staff-level (IC6) ML-infrastructure system design interviews."""

__version__ = "0.1.0"
