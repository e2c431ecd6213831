"""Validation by pySHACL, the reference engine, over rdflib graphs.

The data graph is the union of every source graph; the ontology is mixed in
through pySHACL's ``ont_graph`` so ``sh:class`` sees the class hierarchy (SHACL
section 4.1.1, "SHACL instance"). Each result of the validation report (section
3.6) becomes a :class:`~dngraph.validate.Violation`; :func:`results` gives the
same results as :class:`~dngraph.shacl_sparql.Result` for comparison.
"""

from __future__ import annotations

from pathlib import Path

from .errors import LoadError
from .namespaces import RDFS, SH, SKOS, FOAF, DCTERMS, shorten
from .resources import Layout
from .validate import ValidationReport, Violation, choose_label

_LABELS = (RDFS.label, SKOS.prefLabel, FOAF.name, DCTERMS.title)


def validate_layout(layout: Layout, shapes: Path | None = None) -> ValidationReport:
    """Load every file of ``layout`` with rdflib and validate it with pySHACL."""
    import rdflib

    from .load import load_dataset, parse_turtle, union_graph
    from .namespaces import ONTOLOGY_IRI

    dataset, files = load_dataset(layout)
    data = union_graph(dataset, include_ontology=False)
    ontology = dataset.graph(rdflib.URIRef(ONTOLOGY_IRI))  # already parsed by the loader
    shapes_path = shapes or layout.shapes
    shapes_graph = parse_turtle(shapes_path)
    where = _files_by_subject(dataset, files, layout.root)
    report = _validate_with(shapes_path, data, shapes_graph, ontology, where)
    report.graphs = len(files)
    return report


def _validate_with(shapes_path, data, shapes_graph, ontology, where) -> ValidationReport:
    """:func:`validate_graph`, with a shapes graph that breaks the syntax rules SHACL gives
    for shapes and constraint components reported as a :class:`LoadError` naming the file."""
    from pyshacl.errors import ConstraintLoadError, ReportableRuntimeError, RuleLoadError, ShapeLoadError

    try:
        return validate_graph(data, shapes_graph, ontology, where)
    except (ShapeLoadError, ConstraintLoadError, RuleLoadError, ReportableRuntimeError) as exc:
        message = " ".join(str(getattr(exc, "message", None) or exc).split())
        raise LoadError(shapes_path, f"not well-formed SHACL: {message}") from None


def report_graph(data, shapes, ontology=None):
    """pySHACL's ``(conforms, results graph)`` for ``data`` against ``shapes``."""
    import pyshacl

    conforms, results, _ = pyshacl.validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference="none",
        advanced=True, allow_warnings=True)
    return bool(conforms), results


def validate_graph(data, shapes, ontology=None, where=None) -> ValidationReport:
    """Validate an rdflib graph; ``where`` maps a subject IRI to the files stating it."""
    conforms, results = report_graph(data, shapes, ontology)
    violations = sorted(_violations(results, data, where or {}), key=Violation.sort_key)
    return ValidationReport(conforms=conforms, violations=violations, triples=len(data))


def _results(results):
    import rdflib

    sh = lambda name: rdflib.URIRef(SH[name])  # noqa: E731
    for result in results.subjects(rdflib.RDF.type, sh("ValidationResult")):
        yield result, lambda name: results.value(result, sh(name))


def message(results, result) -> str | None:
    """The result's message: the English one first, as the fast engine picks it."""
    import rdflib

    found = list(results.objects(result, rdflib.URIRef(SH.resultMessage)))
    found.sort(key=lambda m: (getattr(m, "language", None) != "en", getattr(m, "language", None) is not None, str(m)))
    return str(found[0]) if found else None


def _violations(results, data, where):
    import rdflib

    for result, get in _results(results):
        focus, path, severity, value = get("focusNode"), get("resultPath"), get("resultSeverity"), get("value")
        owner, via = _owner(data, focus) or (focus, None)
        text = message(results, result)
        yield Violation(
            focus=str(owner),
            via=None if via is None else str(via),
            label=_label(data, owner),
            path=str(path) if isinstance(path, rdflib.URIRef) else None,
            message=text if text is not None else "constraint not met",
            severity=shorten(str(severity)).removeprefix("sh:") if severity else "Violation",
            value=None if value is None else str(value),
            files=tuple(where.get(str(owner), ())),
            shape=str(get("sourceShape")),
        )


def _owner(graph, node, depth: int = 3):
    """For a blank node (a period, an instant), the IRI that holds it and the property
    it is reached by, so a report can point at something a person can find."""
    import rdflib

    if not isinstance(node, rdflib.BNode):
        return None
    path = []
    for _ in range(depth):
        link = next(iter(graph.subject_predicates(node)), None)
        if link is None:
            return None
        node, prop = link
        path.insert(0, prop)
        if isinstance(node, rdflib.URIRef):
            return node, path[0]
    return None


def _label(graph, node) -> str | None:
    import rdflib

    for prop in _LABELS:
        values = [(str(v), getattr(v, "language", None)) for v in graph.objects(node, rdflib.URIRef(prop))]
        if values:
            return choose_label(values)
    return None


def _files_by_subject(dataset, files, root) -> dict[str, list[str]]:
    import rdflib

    where: dict[str, list[str]] = {}
    for graph_iri, path in files.items():
        shown = shown_path(path, root)
        for subject in set(dataset.graph(rdflib.URIRef(graph_iri)).subjects()):
            where.setdefault(str(subject), []).append(shown)
    return where


def shown_path(path, root) -> str:
    """``path`` relative to ``root`` when it lies inside it, else whole."""
    try:
        return str(Path(path).resolve().relative_to(Path(root).resolve()))
    except ValueError:
        return str(path)


def results(report) -> list:
    """The results of a pySHACL report graph as :class:`~dngraph.shacl_sparql.Result`,
    nodes as pyoxigraph terms (blank nodes keep their identifiers)."""
    import rdflib

    from .shacl_sparql import Result

    found = []
    for result, get in _results(report):
        path = get("resultPath")
        if isinstance(path, rdflib.BNode):
            inverse = report.value(path, rdflib.URIRef(SH.inversePath))
            path = f"^<{inverse}>" if isinstance(inverse, rdflib.URIRef) else "(complex path)"
        elif path is not None:
            path = f"<{path}>"
        found.append(Result(
            focus=to_oxigraph(get("focusNode")), path=path, value=to_oxigraph(get("value")),
            shape=str(get("sourceShape")), severity=str(get("resultSeverity")),
            component=str(get("sourceConstraintComponent")), message=message(report, result)))
    return found


def to_oxigraph(term):
    """The pyoxigraph term for an rdflib term (None stays None)."""
    import pyoxigraph
    import rdflib

    if term is None:
        return None
    if isinstance(term, rdflib.URIRef):
        return pyoxigraph.NamedNode(str(term))
    if isinstance(term, rdflib.BNode):
        return pyoxigraph.BlankNode(str(term))
    if term.language:
        return pyoxigraph.Literal(str(term), language=term.language)
    if term.datatype:
        return pyoxigraph.Literal(str(term), datatype=pyoxigraph.NamedNode(str(term.datatype)))
    return pyoxigraph.Literal(str(term))


def from_oxigraph(term):
    """The rdflib term for a pyoxigraph term, blank nodes keeping their identifiers and
    literals normalised as rdflib's Turtle parser gives them (:func:`dngraph.rdfwrite.to_rdflib`)."""
    from .rdfwrite import to_rdflib

    return to_rdflib(term, normalize=True)
