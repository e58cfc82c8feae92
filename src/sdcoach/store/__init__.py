"""Persistence: interview sessions, turns, notes and scorecards in SQLite (or any SQLAlchemy URL)."""
