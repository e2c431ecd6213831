"""Fast validation: SHACL Core by rudof (pyrudof, Rust), SHACL-SPARQL on pyoxigraph.

The data and shapes graphs are read as :mod:`.shacl_data` says; the SPARQL
parts run on the built store when one is given.

rudof checks the SHACL Core constraints (SHACL section 4) of a copy of the
shapes graph without its SPARQL parts: a shape with a SPARQL-based target
(SHACL-AF 5.1) gets ``sh:targetSubjectsOf`` a marker property instead, and its
focus nodes, found on pyoxigraph, carry that property in the copy of the data
given to rudof. The SPARQL-based constraints (SHACL section 5) run on pyoxigraph
(:mod:`.shacl_sparql`). Results become :class:`~dngraph.validate.Violation`
objects exactly as the reference engine makes them.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from .load import source_files
from .namespaces import DCTERMS, FOAF, ONTOLOGY_IRI, RDFS, SH, SKOS
from .resources import Layout
from .shacl_data import DataGraph, load_files, load_shapes
from .shacl_sparql import Result, focus_nodes, read_sparql, sparql_results

_LABELS = (RDFS.label, SKOS.prefLabel, FOAF.name, DCTERMS.title)
_MARK = "urn:x-dngraph:shacl-target:"
_NOT_CORE = (SH.target, SH.sparql, SH.targetNode, SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf)


def validate_layout(layout: Layout, shapes: Path | None = None, store=None):
    """Validate every file of ``layout``: a :class:`~dngraph.validate.ValidationReport`.
    ``store``, a callable, gives the built store of ``layout`` (:mod:`dngraph.build`);
    without it the SPARQL parts run on a store made here. The files are parsed first,
    so a file that does not parse is named as the loader names it."""
    from .validate import ValidationReport, Violation
    from .validate_pyshacl import shown_path

    files = source_files(layout)
    data = load_files(files, store=store)
    found = check(data, load_shapes(shapes or layout.shapes))
    shown = {f.graph: shown_path(f.path, layout.root) for f in files}
    violations = sorted((violation(data, r, shown) for r in found), key=Violation.sort_key)
    return ValidationReport(conforms=not any(r.severity == SH.Violation for r in found),
                            violations=violations, triples=data.size(), graphs=len(files))


def check(data: DataGraph, shapes) -> list[Result]:
    """Every result of validating ``data`` against ``shapes``; ``NotImplementedError`` for
    shapes that break a syntax rule this engine checks (``sparql/shacl/ill-formed.rq``)."""
    if any(True for _ in shapes.query(read_sparql("ill-formed.rq"))):
        raise NotImplementedError("ill-formed shapes: the reference engine names the fault")
    targets: dict = {}

    def focus_of(shape):
        if shape not in targets:
            targets[shape] = focus_nodes(shapes, data.store, shape)
        return targets[shape]

    special = {q.subject for q in shapes.quads_for_pattern(None, _iri(SH.target), None)}
    return core_results(data, shapes, {s: focus_of(s) for s in special}) + sparql_results(shapes, data.store, focus_of)


def core_results(data: DataGraph, shapes, marked: dict) -> list[Result]:
    """rudof's results for the SHACL Core constraints; ``marked`` maps each shape with a
    SPARQL-based target to its focus nodes."""
    import pyoxigraph
    import pyrudof

    marks = []
    core = []
    for number, (shape, nodes) in enumerate(sorted(marked.items(), key=lambda i: i[0].value)):
        mark = f"<{_MARK}{number}>"
        marks.extend(f"{node} {mark} {mark} .\n" for node in nodes)
        core.append(f"{shape} <{SH.targetSubjectsOf}> {mark} .\n")
    for q in shapes:
        if not (q.predicate.value in (SH.target, SH.sparql) or (q.subject in marked and q.predicate.value in _NOT_CORE)):
            core.append(f"{q.subject} {q.predicate} {q.object} .\n")
    rudof = pyrudof.Rudof(pyrudof.RudofConfig())
    with tempfile.TemporaryDirectory(prefix="dngraph-shacl-") as folder:
        data_file = Path(folder) / "data.nt"  # rudof reads a file faster than a string
        data_file.write_bytes(data.ntriples() + "".join(marks).encode("utf-8"))
        rudof.read_data(str(data_file), format=pyrudof.RDFFormat.NTriples)
    rudof.read_shacl("".join(core), format=pyrudof.ShaclFormat.NTriples)
    from .validate_rudof import to_result

    return [to_result(entry, data.quads, shapes) for entry in rudof.validate_shacl().violations]


def violation(data: DataGraph, result: Result, shown: dict):
    """A :class:`~dngraph.validate.Violation` naming the thing, its label and its files."""
    import pyoxigraph

    from .namespaces import shorten
    from .validate import Violation

    owner, via = _owner(data.quads, result.focus) or (result.focus, None)
    files = {q.graph_name.value for q in data.quads.quads_for_subject(owner)
             if isinstance(q.graph_name, pyoxigraph.NamedNode)}
    return Violation(
        focus=owner.value, via=None if via is None else via.value, label=_label(data.quads, owner),
        path=result.path[1:-1] if result.path and result.path.startswith("<") else None,
        message=result.message if result.message is not None else "constraint not met",
        severity=shorten(result.severity).removeprefix("sh:"),
        value=None if result.value is None else result.value.value,
        files=tuple(name for graph, name in shown.items() if graph in files), shape=result.shape)


def _in_data(graph) -> bool:
    import pyoxigraph

    return isinstance(graph, pyoxigraph.NamedNode) and graph.value != ONTOLOGY_IRI


def _owner(quads, node, depth: int = 3):
    """For a blank node, the IRI that holds it and the property it is reached by."""
    import pyoxigraph

    path = []
    for _ in range(depth if isinstance(node, pyoxigraph.BlankNode) else 0):
        link = next((q for q in quads.quads_for_object(node) if _in_data(q.graph_name)), None)
        if link is None:
            return None
        node = link.subject
        path.insert(0, link.predicate)
        if isinstance(node, pyoxigraph.NamedNode):
            return node, path[0]
    return None


def _label(quads, node) -> str | None:
    from .validate import choose_label

    for prop in _LABELS:
        values = [(q.object.value, getattr(q.object, "language", None)) for q in quads.quads_for_subject(node)
                  if q.predicate.value == prop and _in_data(q.graph_name)]
        if values:
            return choose_label(values)
    return None


def _iri(value: str):
    import pyoxigraph

    return pyoxigraph.NamedNode(value)
