"""LLM backends: one small protocol (chat messages in, text or a stream of text out) and its implementations.

The engine decides, the backend phrases: nothing a backend returns becomes a score, a fact or a figure.
"""
