"""Content packs: the framework, rubric and scenarios as validated data."""
