"""Read the ontology and the data files into one RDF dataset, a named graph per file.

A data file ``data/**/{slug}.ttl`` goes into the graph
``https://w3id.org/dngraph/id/source/{slug}``: the IRI of the source document it
transcribes. Every IRI subject in that graph also gets ``dcterms:source`` pointing
at the graph, so provenance survives when graphs are merged (docs/modelling.md).
Every term is checked on the way in (:mod:`dngraph.wellformed`).
"""

from __future__ import annotations

import contextlib
import re
from collections import namedtuple
from pathlib import Path

from .errors import LoadError
from .namespaces import DCTERMS, ONTOLOGY_IRI, SOURCE
from .resources import Layout


class SourceFile(namedtuple("SourceFile", "path graph")):
    """One input file (``path``) and the named graph it is loaded into (``graph``).
    A named tuple, so a warm query does without the import of dataclasses."""

    __slots__ = ()

    @property
    def is_ontology(self) -> bool:
        return self.graph == ONTOLOGY_IRI


def source_files(layout: Layout) -> list[SourceFile]:
    """The ontology and every data file, each with its graph IRI; a symbolic link out
    of the project is refused (:mod:`dngraph.inputs`)."""
    from .inputs import input_problem

    if not layout.ontology.is_file():
        raise LoadError(layout.ontology, "ontology file not found")
    problem = input_problem(layout.ontology, "data_bytes", layout.root)
    if problem:
        raise LoadError(layout.ontology, problem)
    files = [SourceFile(layout.ontology, ONTOLOGY_IRI)]
    seen: dict[str, Path] = {}
    for path in layout.data_files():
        if path.is_dir():
            raise LoadError(path, "is a folder, not a Turtle file: rename it so it does not end in .ttl")
        problem = input_problem(path, "data_bytes", layout.root)
        if problem:
            raise LoadError(path, problem)
        graph = SOURCE + path.stem
        if graph in seen:
            raise LoadError(path, f"same graph name as {seen[graph]}: file names under data/ must be unique")
        seen[graph] = path
        files.append(SourceFile(path, graph))
    return files


def read_source(path: Path) -> bytes:
    """The bytes of an input file; a :class:`LoadError` naming it if it cannot be read,
    is not a regular file or is over the ``data_bytes`` limit (:mod:`dngraph.inputs`)."""
    from .inputs import input_problem

    problem = input_problem(path, "data_bytes")
    if problem:
        raise LoadError(path, problem)
    try:
        return Path(path).read_bytes()
    except IsADirectoryError:
        raise LoadError(path, "is a folder, not a file") from None
    except OSError as exc:
        raise LoadError(path, f"cannot read file: {exc.strerror or exc}") from None


def parse_turtle(path: Path, graph=None):
    """Parse one Turtle file into ``graph`` (a new rdflib Graph if None).

    Syntax errors and terms that cannot be carried further become a
    :class:`LoadError` naming the file and line.
    """
    import rdflib
    from rdflib.plugins.parsers.notation3 import BadSyntax

    from .wellformed import check_terms

    graph = rdflib.Graph() if graph is None else graph
    text = read_text(path)
    try:
        with _quiet("rdflib.term"):  # its warnings about bad IRIs become the LoadError below
            graph.parse(data=text, format="turtle", publicID=Path(path).resolve().as_uri())
    except BadSyntax as exc:
        raise LoadError(path, f"Turtle syntax error: {exc._why}", line=exc.lines + 1) from None
    except Exception as exc:  # rdflib raises several types for bad terms
        raise LoadError(path, f"Turtle error: {_one_line(exc)}") from None
    check_terms(graph, path, text)
    return graph


def load_turtle_into(store, path: Path, graph) -> None:
    """Parse one Turtle file with pyoxigraph into ``graph`` (a NamedNode) of ``store``.

    The same checks as :func:`parse_turtle`: syntax errors and terms that cannot be
    carried further become a :class:`LoadError` naming the file and line.
    """
    import pyoxigraph

    from .wellformed import check_parsed

    text = read_text(path)
    try:
        store.load(text.encode("utf-8"), format=pyoxigraph.RdfFormat.TURTLE,
                   base_iri=Path(path).resolve().as_uri(), to_graph=graph)
    except SyntaxError as exc:
        found = _OX_POSITION.match(str(exc))
        if not found:
            raise LoadError(path, f"Turtle syntax error: {_one_line(exc)}") from None
        raise LoadError(path, f"Turtle syntax error (column {found['column']}): {_one_line(found['why'])}",
                        line=int(found["line"])) from None
    check_parsed(store, graph, path, text)


def read_text(path: Path) -> str:
    """The text of an input file; a :class:`LoadError` naming it if it cannot be read or is not UTF-8."""
    try:
        return read_source(path).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise LoadError(path, f"not UTF-8 text (byte {exc.start})") from None


@contextlib.contextmanager
def _quiet(name: str):
    import logging

    logger = logging.getLogger(name)
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


# pyoxigraph's message: "Parser error at line 3 between columns 1 and 12: why (line 3)"
_OX_POSITION = re.compile(r"Parser error at line (?P<line>\d+) between columns (?P<column>\d+) and \d+: "
                          r"(?P<why>.*?)(?: \(line \d+\))?$", re.DOTALL)


def _one_line(exc) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


def load_dataset(layout: Layout):
    """All files of ``layout`` as an rdflib Dataset, plus the file of each graph.

    Returns ``(dataset, files)`` where ``files`` maps graph IRI to path.
    """
    import rdflib

    dataset = rdflib.Dataset(default_union=True)
    files: dict[str, Path] = {}
    source = rdflib.URIRef(DCTERMS.source)
    for src in source_files(layout):
        name = rdflib.URIRef(src.graph)
        graph = dataset.graph(name)
        parse_turtle(src.path, graph)
        files[src.graph] = src.path
        if not src.is_ontology:
            for subject in set(graph.subjects()):
                if isinstance(subject, rdflib.URIRef) and subject != name:
                    graph.add((subject, source, name))
    return dataset, files


def union_graph(dataset, include_ontology: bool = True):
    """The asserted graphs of ``dataset`` merged into one rdflib Graph."""
    import rdflib

    merged = rdflib.Graph()
    for graph in dataset.graphs():
        if graph.identifier == rdflib.URIRef(ONTOLOGY_IRI) and not include_ontology:
            continue
        for triple in graph:
            merged.add(triple)
    return merged
