"""Generated graphs of the project's shape, for equivalence tests and benchmarks.

A generated graph is ``copies`` renamed copies of the shipped data: every data
file, with each IRI under ``https://w3id.org/dngraph/id/`` moved to a namespace of
its copy (``id/summit/g3-2020``, ``id/source/g3-slug``: IRIs keep the project's
``id/{kind}/{slug}`` form, and a source document's IRI stays that of its file's
graph), except nations and concept schemes, which every copy shares. The ontology, shapes and saved
queries are the shipped ones. Each copy therefore has the modelling, the
provenance pattern and the cross-file links of the shipped graph, and the
result is deterministic: about 2,300 triples per copy.

    python tests/graphgen.py TARGET COPIES
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_ID = "https://w3id.org/dngraph/id/"
# Concept schemes and nations are the shipped ones in every copy, as the shapes
# require (the themes scheme by name, a nation by its ISO 3166-1 code).
_SHARED = {"scheme", "nation"}
_IRI = re.compile(re.escape("<" + _ID) + r"([a-z0-9-]+)/")


def rename(text: str, copy: int) -> str:
    """The Turtle ``text`` with every id IRI moved to copy ``copy``'s namespace."""
    return _IRI.sub(lambda m: m.group(0) if m.group(1) in _SHARED else f"<{_ID}{m.group(1)}/g{copy}-", text)


def generate(target: Path, copies: int, root: Path = ROOT) -> Path:
    """Write a graph of ``copies`` copies of ``root``'s data under ``target``; returns ``target``."""
    target = Path(target)
    for name in ("ontology", "queries"):
        shutil.copytree(root / name, target / name, dirs_exist_ok=True)
    for path in sorted((root / "data").rglob("*.ttl")):
        text = path.read_text(encoding="utf-8")
        folder = target / path.parent.relative_to(root)
        folder.mkdir(parents=True, exist_ok=True)
        for copy in range(copies):
            (folder / f"g{copy}-{path.name}").write_text(rename(text, copy), encoding="utf-8")
    return target


if __name__ == "__main__":
    generate(Path(sys.argv[1]), int(sys.argv[2]))
