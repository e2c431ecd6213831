"""The graphs chosen for an export as canonical N-Quads lines, sorted, each once.

RDF Dataset Canonicalization (RDFC-1.0, https://www.w3.org/TR/rdf-canon/) relabels
blank nodes only, and the labels it issues depend only on the quads that mention a
blank node (its "blank node to quads map", section 4.4.3 step 2; the hashes of
sections 4.6 and 4.8 read nothing else). So only those quads are canonicalized, by
pyoxigraph; every other quad is its own canonical form and goes straight from the
store's N-Triples dump to the output. The whole export then costs a dump, a sort
and the canonicalization of the blank-node part, instead of a Python object per quad.
The graphs are dumped two at a time (pyoxigraph releases Python's lock while it reads),
while the integer types the store does not keep are read (:mod:`dngraph.integertypes`).

Each line is one statement as pyoxigraph writes N-Quads (N-Triples when the graphs
are merged, RDF 1.1 Semantics section 5.2), ending in `` .``.
"""

from __future__ import annotations

from .namespaces import XSD


def canonical_lines(kg, graph_iris, merge: bool, integer_types) -> list[str]:
    """The quads of ``graph_iris`` in ``kg``'s store as sorted canonical lines.

    ``integer_types()`` maps a graph to ``{(subject, predicate, lexical form): datatype}``,
    the type a file wrote for an integer the store keeps as ``xsd:integer``; it is put
    back. It is called while the store is being read."""
    import pyoxigraph as ox

    plain: set[str] = set()
    blank: list[str] = []
    iris = sorted(set(graph_iris))
    with _Dumps(ox, kg.store, iris) as dumps:
        written = integer_types()
        for iri, dumped in zip(iris, dumps):
            lines = dumped.decode("utf-8").splitlines()
            fixes = _integer_fixes(ox, written.get(iri, {}))
            if fixes:
                lines = [fixes.get(line, line) for line in lines]
            if not merge:
                lines = [line[:-1] + f"<{iri}> ." for line in lines]
            # A line with "_:" has a blank node, or the two characters inside a literal:
            # that line goes through canonicalization too, which leaves it as it is.
            blank += (line for line in lines if "_:" in line)
            plain.update(line for line in lines if "_:" not in line)
    plain.update(_canonical(ox, blank))
    return sorted(plain)


class _Dumps:
    """The N-Triples of each graph, in order, read by two threads from the time the block
    starts: reading the on-disk store is most of an export's time, and pyoxigraph lets
    go of Python's lock meanwhile."""

    def __init__(self, ox, store, iris: list[str]):
        from concurrent.futures import ThreadPoolExecutor

        self.pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="dngraph-export")
        self.futures = [self.pool.submit(store.dump, format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(iri))
                        for iri in iris]

    def __enter__(self):
        return self

    def __iter__(self):
        for i, future in enumerate(self.futures):
            self.futures[i] = None  # each graph's text is let go once it is read
            yield future.result()

    def __exit__(self, *exc):
        self.pool.shutdown(wait=True, cancel_futures=True)


def _integer_fixes(ox, written: dict) -> dict[str, str]:
    """``line as stored -> line as written`` for the integers of one graph whose file
    wrote a type derived from ``xsd:integer``."""
    integer = ox.NamedNode(XSD.integer)
    fixes = {}
    for (subject, predicate, value), datatype in written.items():
        head = f"{subject} {predicate} "
        fixes[head + f"{ox.Literal(value, datatype=integer)} ."] = head + f"{ox.Literal(value, datatype=datatype)} ."
    return fixes


def _canonical(ox, lines: list[str]) -> list[str]:
    """N-Quads ``lines`` (every quad of the export with a blank node) with RDFC-1.0 labels."""
    if not lines:
        return []
    dataset = ox.Dataset(ox.parse("\n".join(lines).encode("utf-8"), format=ox.RdfFormat.N_QUADS))
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return ox.serialize(dataset, format=ox.RdfFormat.N_QUADS).decode("utf-8").splitlines()
