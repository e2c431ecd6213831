"""Join an external dump (a Wikidata extract, say) to the graph through its links out.

:func:`link_dump` streams the dump, plain or gzipped, into the named graph
``LINKED_GRAPH + name`` of the linked store (:mod:`dngraph.linked`): the parser
yields one quad at a time and the store writes them in batches, so a dump of
millions of triples is never held in memory, let alone twice. Every triple goes
into that one graph, whatever graph a quad format put it in. The dump's IRIs are
kept as they are, so ``?nation skos:exactMatch ?item`` in our graph meets
``?item ?p ?o`` in the linked graph. :func:`report` then says, for each thing a
dump can join on, whether it matched, or why not.
"""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import LoadError
from .namespaces import LINKED_GRAPH

_SUFFIXES = {".ttl": "TURTLE", ".nt": "N_TRIPLES", ".nq": "N_QUADS", ".trig": "TRIG",
             ".jsonld": "JSON_LD", ".json": "JSON_LD"}


def dump_format(path: Path):
    """``(RdfFormat, gzipped)`` from the file name: ``.ttl``, ``.nt``, ``.nq``, ``.trig``,
    ``.jsonld`` or ``.json``, each optionally followed by ``.gz``."""
    import pyoxigraph

    name = path.name.lower()
    gzipped = name.endswith(".gz")
    suffix = Path(name.removesuffix(".gz")).suffix
    if suffix not in _SUFFIXES:
        raise LoadError(path, f"unknown dump format {suffix or '(none)'}: use {', '.join(_SUFFIXES)} (optionally .gz)")
    return getattr(pyoxigraph.RdfFormat, _SUFFIXES[suffix]), gzipped


def default_name(path: Path) -> str:
    """``wikidata-members.nt.gz`` -> ``wikidata-members``."""
    stem = path.name.lower().removesuffix(".gz")
    return re.sub(r"[^a-z0-9-]+", "-", Path(stem).stem).strip("-") or "dump"


class _Counting:
    """A binary reader that reports how far into the file it has read."""

    def __init__(self, handle, raw, size: int, progress):
        self.handle, self.raw, self.size, self.progress = handle, raw, size, progress

    def read(self, n: int = -1) -> bytes:
        data = self.handle.read(n)
        if self.progress:
            self.progress(self.raw.tell(), self.size)
        return data


def stream_into(writable, path: Path, graph: str, progress=None) -> int:
    """Parse ``path`` quad by quad into ``graph`` of ``writable``; returns the triple count."""
    import pyoxigraph

    fmt, gzipped = dump_format(path)
    target = pyoxigraph.NamedNode(graph)
    counted = [0]

    def quads(reader):
        for quad in pyoxigraph.parse(reader, fmt, base_iri=path.resolve().as_uri()):
            counted[0] += 1
            yield pyoxigraph.Quad(quad.subject, quad.predicate, quad.object, target)

    try:
        with open(path, "rb") as raw:
            handle = gzip.open(raw) if gzipped else raw
            writable.bulk_extend(quads(_Counting(handle, raw, path.stat().st_size, progress)))
    except SyntaxError as exc:
        found = re.search(r"line (\d+)", str(exc)) or re.search(r"^(\d+):", str(exc))
        raise LoadError(path, f"syntax error: {exc}", line=int(found.group(1)) if found else None) from None
    except (OSError, EOFError) as exc:
        raise LoadError(path, f"cannot read dump: {exc}") from None
    return counted[0]


@dataclass
class Joined:
    """One thing a dump can join on, and what became of it."""

    thing: str
    label: str
    targets: list[str] = field(default_factory=list)
    present: list[str] = field(default_factory=list)

    @property
    def status(self) -> str:
        if self.present:
            return "matched"
        return "link target absent from the dump" if self.targets else "no link"


@dataclass
class LinkReport:
    """What ``dngraph link`` did: the graph, its size, and each joinable thing's fate."""

    name: str
    graph: str
    triples: int
    things: list[Joined]

    def matched(self) -> list[Joined]:
        return [t for t in self.things if t.status == "matched"]

    def lines(self) -> list[str]:
        from .namespaces import ID, shorten

        linked = [t for t in self.things if t.targets]
        out = [f"linked {self.name}: {self.triples} triples in <{self.graph}>",
               f"matched {len(self.matched())} of {len(linked)} linked things "
               f"({len(self.things) - len(linked)} more have no link)"]
        for status in ("matched", "link target absent from the dump", "no link"):
            for t in (t for t in self.things if t.status == status):
                shown = ", ".join(shorten(x) for x in (t.present or t.targets))
                out.append(f"  {status:<33} {t.thing.removeprefix(ID):<40} {t.label}" + (f"  [{shown}]" if shown else ""))
        return out


def report(kg, name: str, triples: int) -> LinkReport:
    """The linkset report for the linked graph ``name`` (query ``sparql/link-report.rq``)."""
    import pyoxigraph

    from .resources import library_query

    graph = LINKED_GRAPH + name
    rows = kg.sparql(library_query("link-report"), dump=pyoxigraph.NamedNode(graph)).rows
    things: dict[str, Joined] = {}
    for row in rows:
        joined = things.setdefault(row["thing"], Joined(row["thing"], row.get("label", "")))
        target = row.get("target")
        if target and target not in joined.targets:
            joined.targets.append(target)
            if row.get("present"):
                joined.present.append(target)
    return LinkReport(name, graph, triples, list(things.values()))


def link_dump(kg, path: str | Path, name: str | None = None, progress=None) -> LinkReport:
    """Load the dump at ``path`` as the linked graph ``name`` (replacing one of that name)
    beside ``kg``'s built graph, and report what joined."""
    import pyoxigraph

    from .linked import check_name, read_manifest, refresh, write_manifest

    path = Path(path)
    if not path.is_file():
        raise LoadError(path, "no such file")
    name = check_name(name or default_name(path))
    dump_format(path)
    base = kg.base_store  # the built graph, built if need be
    root, key = kg.linked_root, kg.manifest.get("key")
    root.mkdir(parents=True, exist_ok=True)
    manifest = read_manifest(root)
    graph = LINKED_GRAPH + name
    kg.release()
    if manifest["base"] != key or not manifest["graphs"] or not (root / "store").exists():
        refresh(root, base, [entry["graph"] for n, entry in manifest["graphs"].items() if n != name])
    writable = pyoxigraph.Store(str(root / "store"))
    try:
        writable.remove_graph(pyoxigraph.NamedNode(graph))
        triples = stream_into(writable, path, graph, progress)
    except BaseException:
        writable.remove_graph(pyoxigraph.NamedNode(graph))
        raise
    finally:
        writable.flush()
        del writable
    manifest["base"] = key
    manifest["graphs"][name] = {"graph": graph, "source": str(path.resolve()), "triples": triples}
    write_manifest(root, manifest)
    kg.release()  # the next query opens the linked store
    return report(kg, name, triples)
