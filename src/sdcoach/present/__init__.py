"""Interface-neutral renderings (Markdown, JSON payloads, text diagrams) shared by the CLI and the web."""
