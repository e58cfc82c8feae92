"""Back-of-envelope calculators: pure functions that show their working and state their assumptions."""
