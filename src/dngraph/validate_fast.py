"""Fast validation: SHACL Core checked set by set (:mod:`.validate_core`), SHACL-SPARQL on pyoxigraph.

The data and shapes graphs are read as :mod:`.shacl_data` says; the SPARQL
parts run on the built store when one is given.

Each shape with a target whose constraints the core checker covers
(:mod:`.shacl_shapes`: the SHACL Core components of SHACL section 4 that
``ontology/shapes.ttl`` uses) is checked by it, on the terms as parsed; any
other is checked by rudof (:mod:`.validate_rudof`), never skipped. The
SPARQL-based constraints (SHACL section 5) run on pyoxigraph
(:mod:`.shacl_sparql`). Results become :class:`~dngraph.validate.Violation`
objects exactly as the reference engine makes them.
"""

from __future__ import annotations

from pathlib import Path

from .collector import paused
from .load import source_files
from .namespaces import DCTERMS, FOAF, ONTOLOGY_IRI, RDFS, SH, SKOS
from .resources import Layout
from .shacl_data import DataGraph, load_files, load_shapes
from .shacl_sparql import Result, focus_nodes, read_sparql, sparql_results

_LABELS = (RDFS.label, SKOS.prefLabel, FOAF.name, DCTERMS.title)


def validate_layout(layout: Layout, shapes: Path | None = None, store=None):
    """Validate every file of ``layout``: a :class:`~dngraph.validate.ValidationReport`.
    ``store``, a callable, gives the built store of ``layout`` (:mod:`dngraph.build`);
    without it the SPARQL parts run on a store made here. The files are parsed first,
    so a file that does not parse is named as the loader names it."""
    from .validate import ValidationReport, Violation
    from .validate_pyshacl import shown_path

    files = source_files(layout)
    with paused():  # the cycle collector (dngraph.collector)
        data = load_files(files, store=store)
        found = check(data, load_shapes(shapes or layout.shapes))
        shown = {f.graph: shown_path(f.path, layout.root) for f in files}
        violations = sorted((violation(data, r, shown) for r in found), key=Violation.sort_key)
        return ValidationReport(conforms=not any(r.severity == SH.Violation for r in found),
                                violations=violations, triples=data.size(), graphs=len(files))


def check(data: DataGraph, shapes) -> list[Result]:
    """Every result of validating ``data`` against ``shapes``; ``NotImplementedError`` for
    shapes that break a syntax rule this engine checks (``sparql/shacl/ill-formed.rq``)."""
    from .shacl_shapes import Shapes
    from .shacl_targets import SelectedTargets
    from .validate_core import Index, focus, predicates, results

    if any(True for _ in shapes.query(read_sparql("ill-formed.rq"))):
        raise NotImplementedError("ill-formed shapes: the reference engine names the fault")
    selects = SelectedTargets(shapes, data.store)  # in a thread, while the data is indexed
    select = lambda target: selects.nodes(target) or set()  # noqa: E731
    targets: dict = {}

    def focus_of(shape):
        if shape not in targets:
            targets[shape] = focus_nodes(shapes, data.store, shape, select)
        return targets[shape]

    model = Shapes(shapes)
    roots = model.targeted()
    covered = [r for r in roots if model.covered(r)]
    index = Index(data.graphs, predicates(model, covered))
    found = [hit for r in covered for hit in results(model, index, r, focus(model, index, r, select))]
    left = [r for r in roots if r not in covered]
    if left:
        from .validate_rudof import rudof_results

        special = {q.subject for q in shapes.quads_for_pattern(None, _iri(SH.target), None)} & set(left)
        found += rudof_results(data, shapes, {s: focus_of(s) for s in special}, left)
    return found + sparql_results(shapes, data.store, focus_of)


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
