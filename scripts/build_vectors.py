"""Embed every built-in reference text once and ship the vectors with the package.

    .venv/bin/python scripts/build_vectors.py            # the default encoder
    .venv/bin/python scripts/build_vectors.py --encoder static

Question examples and the search documents are what the reader and search compare a candidate's
question or query with, through MiniLM (blended with WordLlama, which is fast enough to need nothing
shipped). Shipping MiniLM's vectors means a first ``sdcoach search`` or question drill on a fresh
machine embeds only the user's own words. Re-run after editing content; a test fails until you do.
"""

from __future__ import annotations

import argparse

import numpy as np

from sdcoach.nlp.embeddings import SHIPPED_VECTORS, encoder_named, text_key
from sdcoach.services.similarity import builtin_references


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--encoder", default="minilm", help="the slow encoder whose vectors are worth shipping")
    args = parser.parse_args()
    encoder = encoder_named(args.encoder)
    texts = builtin_references()
    vectors = np.zeros((len(texts), 0), dtype=np.float16)
    chunks = []
    for start in range(0, len(texts), 256):
        chunks.append(encoder.embed(texts[start : start + 256]).astype(np.float16))
        print(f"\r{min(len(texts), start + 256)}/{len(texts)} texts", end="", flush=True)
    print()
    vectors = np.concatenate(chunks)
    SHIPPED_VECTORS.mkdir(exist_ok=True)
    target = SHIPPED_VECTORS / f"{encoder.name}.npz"
    np.savez_compressed(target, keys=np.array([text_key(t) for t in texts]), vectors=vectors)
    print(f"wrote {len(texts)} vectors to {target}")


if __name__ == "__main__":
    main()
