"""Export the built graph in any RDF format, the same bytes for the same input.

Which graphs: ``asserted`` (every source document's graph except the editors'
reading, the default), ``editorial`` (the editors' reading, ``data/editorial/``),
``inferred`` (the OWL 2 RL entailments) or ``all`` of those three; or one or more
source documents by name. The ontology is never a source: ``with_ontology`` adds
its graph to any choice.

Quad formats (N-Quads, TriG) keep one named graph per source; the others write
the RDF merge of the graphs chosen (RDF 1.1 Semantics, section 5.2). Blank nodes
are relabelled by the W3C RDF Dataset Canonicalization algorithm RDFC-1.0
(https://www.w3.org/TR/rdf-canon/, section 4), and every writer sorts, so two
exports of the same files are byte-identical and a diff of two exports is short.
"""

from __future__ import annotations


from .collector import paused
from .errors import DngraphError
from .namespaces import INFERRED_GRAPH
from .rdfwrite import FORMATS, QUAD_FORMATS, write_lines

GRAPH_SETS = ("asserted", "inferred", "editorial", "all")
EXPORT_FORMATS = tuple(FORMATS) + ("jsonld",)


def _source_files(layout):
    from .load import source_files  # imported when used: the CLI imports this module for its formats

    return source_files(layout)


class ExportError(DngraphError):
    """An export option names a format, graph set, source or frame that does not exist."""


def source_names(layout) -> dict[str, str]:
    """Every source document's short name (its file name without ``.ttl``) and graph IRI."""
    return {src.path.stem: src.graph for src in _source_files(layout) if not src.is_ontology}


def editorial_graphs(layout) -> list[str]:
    """The graphs of the files under ``data/editorial/``."""
    folder = (layout.data / "editorial").resolve()
    return [src.graph for src in _source_files(layout)
            if not src.is_ontology and src.path.resolve().is_relative_to(folder)]


def select_graphs(layout, graphs=None, sources=(), with_ontology: bool = False) -> list[str]:
    """The IRIs of the graphs to export, sorted; see the module docstring."""
    if graphs and sources:
        raise ExportError("--graphs and --source choose the graphs two ways: give one of them")
    names = source_names(layout)
    if sources:
        chosen = {_source_graph(names, name) for name in sources}
    else:
        chosen = set()
        for part in _split(graphs or "asserted"):
            chosen |= _graph_set(layout, names, part)
    if with_ontology:
        chosen.add(next(src.graph for src in _source_files(layout) if src.is_ontology))
    return sorted(chosen)


def _split(graphs) -> list[str]:
    parts = graphs.split(",") if isinstance(graphs, str) else list(graphs)
    return [part.strip() for part in parts if part.strip()]


def _graph_set(layout, names: dict, part: str) -> set[str]:
    editorial = set(editorial_graphs(layout))
    sets = {"asserted": set(names.values()) - editorial, "editorial": editorial,
            "inferred": {INFERRED_GRAPH}}
    sets["all"] = set().union(*sets.values())
    if part not in sets:
        raise ExportError(f"--graphs {part!r}: use {', '.join(GRAPH_SETS)}{_close(part, GRAPH_SETS)}")
    return sets[part]


def _source_graph(names: dict, name: str) -> str:
    if name in names:
        return names[name]
    if name in names.values():
        return name
    raise ExportError(f"--source {name!r}: no such source document{_close(name, names)}")


def _close(name: str, choices) -> str:
    import difflib

    close = difflib.get_close_matches(name, list(choices), n=3, cutoff=0.5)
    return f" (did you mean {', '.join(close)}?)" if close else ""


def canonical_dataset(kg, graph_iris, merge: bool):
    """The chosen graphs as a pyoxigraph Dataset with RDFC-1.0 blank node labels; with
    ``merge``, their triples in the default graph instead of one named graph each."""
    import pyoxigraph as ox

    lines = canonical_lines(kg, graph_iris, merge)
    return ox.Dataset(ox.parse("\n".join(lines).encode("utf-8"), format=ox.RdfFormat.N_QUADS))


def canonical_lines(kg, graph_iris, merge: bool) -> list[str]:
    """The chosen graphs as sorted canonical N-Quads lines (:mod:`dngraph.exportlines`),
    read from the store, so a blank node the inferred graph shares with a source graph
    stays one node. The store keeps every integer as ``xsd:integer``; the datatype a
    file wrote (``xsd:positiveInteger``) is put back (:mod:`dngraph.integertypes`)."""
    from .exportlines import canonical_lines as lines
    from .integertypes import integer_types

    chosen = set(graph_iris)
    return lines(kg, chosen, merge, lambda: integer_types(kg.layout, chosen, kg.cache_dir))


def export(kg, fmt: str = "turtle", graphs=None, sources=(), with_ontology: bool = False,
           frame: str | None = None) -> bytes:
    """The chosen graphs of ``kg`` in ``fmt`` as bytes (UTF-8); ``frame`` (JSON-LD only)
    names a frame from ``ontology/frames/``."""
    if fmt not in EXPORT_FORMATS:
        raise ExportError(f"--format {fmt!r}: use {', '.join(EXPORT_FORMATS)}{_close(fmt, EXPORT_FORMATS)}")
    if frame is not None and fmt != "jsonld":
        raise ExportError(f"--frame is for JSON-LD: use --format jsonld, not {fmt}")
    chosen = select_graphs(kg.layout, graphs, sources, with_ontology)
    with paused():  # the cycle collector (dngraph.collector)
        lines = canonical_lines(kg, chosen, merge=fmt not in QUAD_FORMATS)
        if fmt == "jsonld":
            from .jsonld import jsonld_of_lines

            return jsonld_of_lines(lines, kg.layout, frame)
        return write_lines(lines, fmt)
