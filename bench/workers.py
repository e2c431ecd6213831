"""What the benchmark runs in a child process: the baselines, and timings taken inside one process.

``python -m bench.workers NAME ROOT [ARG]`` runs one of them on the project root
ROOT. Each baseline does, with one library alone, the same work as a dngraph step
on the same files: pyoxigraph loading and querying or serialising them, owlrl or
``reasonable`` computing the OWL RL closure, pySHACL or ``pyrudof`` validating
against the shapes. The ``*-inproc`` workers time repeated queries inside one
process after it has opened the graph, and print the seconds as JSON.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

SOURCE = "https://w3id.org/dngraph/id/source/"
DCTERMS_SOURCE = "http://purl.org/dc/terms/source"


def data_files(root: Path) -> list[Path]:
    return sorted((root / "data").rglob("*.ttl"))


def oxigraph_store(root: Path):
    """The ontology and data files bulk-loaded into the default graph of an in-memory pyoxigraph store."""
    import pyoxigraph as ox

    store = ox.Store()
    for file in [root / "ontology" / "dngraph.ttl", *data_files(root)]:
        store.bulk_load(path=str(file), format=ox.RdfFormat.TURTLE)
    return store


def members(store, root: Path):
    """The saved ``members`` query, with the default language bound as dngraph binds it."""
    import pyoxigraph as ox

    text = (root / "queries" / "members.rq").read_text(encoding="utf-8")
    return list(store.query(text, substitutions={ox.Variable("lang"): ox.Literal("en")}))


def oxigraph_load(root: Path, _=None) -> None:
    """Every file parsed and stored, a named graph each, in a store on disk."""
    import pyoxigraph as ox

    files = [root / "ontology" / "dngraph.ttl", *data_files(root)]

    def quads():  # one bulk load for all files: far faster on disk than one per file
        for file in files:
            graph = ox.NamedNode(SOURCE + file.stem)
            for triple in ox.parse(path=str(file), format=ox.RdfFormat.TURTLE):
                yield ox.Quad(triple.subject, triple.predicate, triple.object, graph)

    with tempfile.TemporaryDirectory(prefix="bench-ox-") as folder:
        store = ox.Store(folder)
        store.bulk_extend(quads())
        store.flush()
        del store


def oxigraph_link(root: Path, dump: str) -> None:
    import pyoxigraph as ox

    store = oxigraph_store(root)
    store.bulk_load(path=dump, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(SOURCE + "external-dump"))


def oxigraph_query(root: Path, _arg) -> None:
    members(oxigraph_store(root), root)


def oxigraph_export(root: Path, fmt: str) -> None:
    import pyoxigraph as ox

    formats = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD}
    store = oxigraph_store(root)
    with tempfile.TemporaryFile() as out:
        store.dump(out, formats[fmt], from_graph=ox.DefaultGraph())


def rdflib_graph(root: Path, provenance: bool):
    """Every data file in one rdflib graph, with the loader's ``dcterms:source`` links if asked."""
    import rdflib

    graph = rdflib.Graph()
    for file in data_files(root):
        part = rdflib.Graph().parse(file, format="turtle")
        graph += part
        if provenance:
            source = rdflib.URIRef(SOURCE + file.stem)
            for subject in set(part.subjects()):
                if isinstance(subject, rdflib.URIRef) and subject != source:
                    graph.add((subject, rdflib.URIRef(DCTERMS_SOURCE), source))
    return graph


def owlrl_closure(root: Path, _arg) -> None:
    import owlrl

    graph = rdflib_graph(root, provenance=True)
    graph.parse(root / "ontology" / "dngraph.ttl", format="turtle")
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False).expand(graph)


def reasonable_closure(root: Path, _arg) -> None:
    import reasonable

    reasoner = reasonable.PyReasoner()
    for file in [root / "ontology" / "dngraph.ttl", *data_files(root)]:
        reasoner.load_file(str(file))
    reasoner.reason()


def pyshacl_validate(root: Path, _arg) -> None:
    import pyshacl
    import rdflib

    data = rdflib_graph(root, provenance=True)
    ontology = rdflib.Graph().parse(root / "ontology" / "dngraph.ttl", format="turtle")
    shapes = rdflib.Graph().parse(root / "ontology" / "shapes.ttl", format="turtle")
    pyshacl.validate(data, shacl_graph=shapes, ont_graph=ontology, inference="none",
                     advanced=True, allow_warnings=True)


def pyrudof_validate(root: Path, core_shapes: str) -> None:
    """SHACL Core validation of the same files; ``core_shapes`` is bench/coreshapes.py's output."""
    import pyrudof

    rudof = pyrudof.Rudof(pyrudof.RudofConfig())
    for file in [root / "ontology" / "dngraph.ttl", *data_files(root)]:
        rudof.read_data(str(file), merge=True)
    rudof.read_shacl(core_shapes)
    rudof.validate_shacl()


def api_inproc(root: Path, arg: str) -> None:
    """Open the graph (built in the cache ``arg``), query once, then time repeated queries."""
    import dngraph

    cache, runs = arg.split(",")
    kg = dngraph.open(root, cache_dir=cache)
    kg.query("members").rows
    times = []
    for _ in range(int(runs)):
        start = time.perf_counter()
        kg.query("members").rows
        times.append(time.perf_counter() - start)
    print(json.dumps(times))


def oxigraph_inproc(root: Path, arg: str) -> None:
    store = oxigraph_store(root)
    members(store, root)
    times = []
    for _ in range(int(arg)):
        start = time.perf_counter()
        members(store, root)
        times.append(time.perf_counter() - start)
    print(json.dumps(times))


WORKERS = {
    "oxigraph-load": oxigraph_load, "oxigraph-query": oxigraph_query, "oxigraph-link": oxigraph_link, "oxigraph-export": oxigraph_export,
    "owlrl": owlrl_closure, "reasonable": reasonable_closure, "pyshacl": pyshacl_validate,
    "pyrudof": pyrudof_validate, "api-inproc": api_inproc, "oxigraph-inproc": oxigraph_inproc,
}


if __name__ == "__main__":
    WORKERS[sys.argv[1]](Path(sys.argv[2]), sys.argv[3] if len(sys.argv) > 3 else None)
