"""Generate a dngraph project root of about N asserted triples, deterministically.

The root has the shipped ``ontology/`` and ``queries/`` and, under
``data/sources/``, one Turtle file per made-up source document, each describing
itself as a ``dn:SourceDocument`` and following the modelling and provenance
pattern of the real sources (docs/modelling.md): a registry of the nations and
their memberships and themes, then documents each reporting summits with their
hosts, chairs, dates, participants, chair terms, declarations with signatories
and principles, working groups with leads and reports, initiatives with
targets, and revised charters.

N counts the data triples as loaded: those written in the files plus the
``dcterms:source`` link the loader adds to every thing a file describes (not
the ontology). The same N always gives byte-identical files.

Usage: python -m bench.generate --triples 100000 --out /tmp/bench-1e5
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import shutil
import sys
import time
from pathlib import Path

from .pieces import Unit
from .turtle import TurtleFile, iri
from .world import make_world, registry_file, source_block

SHIPPED_ROOT = Path(__file__).resolve().parent.parent


def file_count(triples: int) -> int:
    """How many source documents a graph of ``triples`` triples is spread over."""
    return max(2, round(triples ** 0.5 / 8))


def source_document(number: int, budget: int, first_unit: int, world, rng) -> tuple[TurtleFile, int]:
    """One source file of about ``budget`` triples; returns it and the next unit number."""
    slug = f"bench-{number:05d}"
    doc = TurtleFile(iri(f"source/{slug}"))
    unit = first_unit
    source_block(doc, slug, f"Report on the forum's work, part {number}",
                 f"{2000 + number % 25}-06-30", [iri(f"summit/s{first_unit}")])
    while True:
        for piece in Unit(unit, world, rng, doc).pieces():
            piece()
            if doc.count >= budget:
                return doc, unit + 1
        unit += 1


def generate(triples: int, out: Path, shipped: Path = SHIPPED_ROOT) -> dict:
    """Write a project root of about ``triples`` data triples into ``out``; return a summary.

    ``out/data`` is replaced; ``ontology/`` and ``queries/`` are copied from ``shipped``.
    """
    out = Path(out)
    rng = random.Random(f"dngraph-bench:{triples}")
    world = make_world(triples, rng)
    for name in ("ontology", "queries"):
        if (out / name).exists():
            shutil.rmtree(out / name)
        shutil.copytree(shipped / name, out / name)
    if (out / "data").exists():
        shutil.rmtree(out / "data")
    sources = out / "data" / "sources"
    sources.mkdir(parents=True)
    registry = registry_file(world)
    _write(sources / "bench-registry.ttl", registry)
    total, files, unit = registry.count, file_count(triples), 0
    for number in range(1, files + 1):
        budget = max(1, (triples - total) // (files - number + 1))
        doc, unit = source_document(number, budget, unit, world, rng)
        _write(sources / f"bench-{number:05d}.ttl", doc)
        total += doc.count
    return {"triples": total, "target": triples, "files": files + 1, "units": unit,
            "nations": len(world.nations), "root": str(out)}


STAMP = "bench-generated.json"


def fingerprint(triples: int, shipped: Path = SHIPPED_ROOT) -> str:
    """What the generated root depends on: the target, the generator's own code and the
    shipped files it copies (ontology and queries)."""
    digest = hashlib.sha256(f"{triples}\n".encode())
    generator = sorted(Path(__file__).resolve().parent.glob("*.py"))
    copied = sorted(p for name in ("ontology", "queries") for p in (shipped / name).rglob("*") if p.is_file())
    for name, path in [(p.name, p) for p in generator] + [(str(p.relative_to(shipped)), p) for p in copied]:
        digest.update(name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def generated(triples: int, out: Path, shipped: Path = SHIPPED_ROOT) -> dict:
    """:func:`generate`, unless ``out`` already holds what it would write (its stamp,
    written last, names the same :func:`fingerprint`); the summary then says ``reused``."""
    out = Path(out)
    stamp = out / STAMP
    key = fingerprint(triples, shipped)
    try:
        summary = json.loads(stamp.read_text(encoding="utf-8"))
        if summary.pop("fingerprint") == key:
            return dict(summary, root=str(out), reused=True)
    except (OSError, ValueError, KeyError, AttributeError):
        pass
    stamp.unlink(missing_ok=True)
    summary = generate(triples, out, shipped)
    stamp.write_text(json.dumps(dict(summary, fingerprint=key)), encoding="utf-8")
    return summary


def _write(path: Path, doc: TurtleFile) -> None:
    path.write_text(doc.text(), encoding="utf-8")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, required=True, help="about how many data triples")
    parser.add_argument("--out", type=Path, required=True, help="the project root to write")
    options = parser.parse_args(argv)
    if options.triples < 100:
        parser.error("--triples must be at least 100")
    start = time.perf_counter()
    summary = generate(options.triples, options.out)
    print(f"{summary['triples']} triples in {summary['files']} files under {summary['root']} "
          f"({time.perf_counter() - start:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
