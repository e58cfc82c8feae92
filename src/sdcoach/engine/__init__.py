"""The pure engine: decide, cover, score and compute; no IO."""
