"""Build once, query fast: the asserted and inferred quads, cached on disk.

Source files are the truth. The first command that needs the graph parses the
ontology and data, computes the entailments and writes every quad (one named
graph per source, the entailments in a graph of their own) to an N-Quads file
keyed by a hash of every input file and the package version. Later commands
load that file straight into pyoxigraph, without rdflib or owlrl.

The file ends with a trailer line holding the SHA-256 of everything before it;
a file whose trailer is missing or wrong is rebuilt, never trusted.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from . import __version__
from .errors import CacheError
from .load import read_source, source_files
from .resources import Layout, cache_dir

_TRAILER = b"# dngraph-cache sha256="
# Bump when the way the cache is built changes, so old caches are not reused.
_FORMAT = "2"


def cache_key(layout: Layout, reasoner: str = "owlrl") -> str:
    """A hash of every input file's name and bytes, the package version and the reasoner."""
    digest = hashlib.sha256(f"{_FORMAT}\0{__version__}\0{reasoner}\0".encode())
    for src in source_files(layout):
        digest.update(src.graph.encode() + b"\0")
        digest.update(hashlib.sha256(read_source(src.path)).digest())
    return digest.hexdigest()[:32]


def cache_path(layout: Layout, directory: Path | None = None) -> Path:
    return (directory or cache_dir()) / f"graph-{cache_key(layout)}.nq"


def build_nquads(layout: Layout) -> bytes:
    """Parse, reason and serialise: the N-Quads text of the asserted and inferred graphs."""
    import rdflib

    from .load import load_dataset, union_graph
    from .namespaces import INFERRED_GRAPH
    from .reason import owlrl_closure

    dataset, _ = load_dataset(layout)
    merged = union_graph(dataset)
    closure = owlrl_closure(merged)
    inferred = dataset.graph(rdflib.URIRef(INFERRED_GRAPH))
    for triple in closure.inferred:
        inferred.add(triple)
    # The default graph holds the RDF merge of the asserted graphs, so a query over
    # it sees each triple once however many sources state it (SPARQL 1.1, 13.1).
    # The inferred graph is disjoint from it by construction.
    return (dataset.serialize(format="nquads", encoding="utf-8")
            + merged.serialize(format="nt", encoding="utf-8"))


def write_atomic(path: Path, payload: bytes) -> None:
    """Write ``payload`` to ``path`` through a temporary file and a rename, so a
    crash or a full disk never leaves a half-written file behind."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def seal(payload: bytes) -> bytes:
    """Append the trailer that proves the file is whole."""
    return payload + _TRAILER + hashlib.sha256(payload).hexdigest().encode() + b"\n"


def unseal(path: Path) -> bytes:
    """The N-Quads of a cache file, or :class:`CacheError` if it is unreadable or not whole."""
    try:
        blob = path.read_bytes()
    except OSError as exc:
        raise CacheError(f"{path}: unreadable cache: {exc}") from None
    cut = blob.rfind(_TRAILER)
    if cut < 0:
        raise CacheError(f"{path}: cache has no trailer")
    payload, recorded = blob[:cut], blob[cut + len(_TRAILER):].strip()
    if hashlib.sha256(payload).hexdigest().encode() != recorded:
        raise CacheError(f"{path}: cache checksum does not match")
    return payload


def load_store(layout: Layout, directory: Path | None = None, rebuild: bool = False):
    """A pyoxigraph Store holding the built graph, from the cache when it is valid.

    Returns ``(store, built)`` where ``built`` says whether the cache was (re)built.
    A cache file is written only after its quads have loaded, and one that does
    not load is removed, so a bad file is never trusted on a later run.
    """
    path = cache_path(layout, directory)
    payload = None
    if not rebuild and path.exists():
        try:
            payload = unseal(path)
        except CacheError:
            payload = None
    built = payload is None
    if built:
        payload = build_nquads(layout)
    try:
        store = _store_of(payload)
    except CacheError:
        path.unlink(missing_ok=True)
        if built:
            raise
        return load_store(layout, directory, rebuild=True)
    if built:
        try:
            write_atomic(path, seal(payload))
        except OSError:
            pass  # a read-only cache folder costs speed, not correctness
    return store, built


def _store_of(payload: bytes):
    import pyoxigraph

    store = pyoxigraph.Store()
    try:
        store.load(payload, format=pyoxigraph.RdfFormat.N_QUADS)
    except (SyntaxError, ValueError, MemoryError) as exc:
        raise CacheError(f"built graph does not load as N-Quads: {exc}") from None
    return store
