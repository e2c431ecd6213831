"""Check the data against the SHACL shapes and the ontology.

Follows SHACL (https://www.w3.org/TR/shacl/): the data graph is the union of
every source graph, the shapes come from ``ontology/shapes.ttl`` and the
ontology is mixed in (pySHACL's ``ont_graph``) so ``sh:class`` sees the
class hierarchy (SHACL section 4.1.1, "SHACL instance"). Each result of the
validation report (section 3.6) becomes a :class:`Violation` that names the
thing by its label and IRI and the files that state it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .errors import LoadError
from .namespaces import RDFS, SH, SKOS, FOAF, DCTERMS, shorten
from .resources import Layout

_LABELS = (RDFS.label, SKOS.prefLabel, FOAF.name, DCTERMS.title)


@dataclass(frozen=True)
class Violation:
    """One validation result, ready to show a person."""

    focus: str
    label: str | None
    path: str | None
    message: str
    severity: str
    value: str | None
    files: tuple[str, ...]
    shape: str | None = None
    via: str | None = None  # set when the result is on a blank node reached from ``focus``

    def line(self) -> str:
        where = ", ".join(self.files) or "(not in any data file)"
        thing = f"{self.label} <{self.focus}>" if self.label else f"<{self.focus}>"
        if self.via:
            thing += f" {shorten(self.via)}"
        prop = shorten(self.path) if self.path else "-"
        value = f" (value: {self.value})" if self.value is not None else ""
        return f"{where}: {self.severity}: {thing}: {prop}: {self.message}{value}"


@dataclass
class ValidationReport:
    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    triples: int = 0
    graphs: int = 0

    def summary(self) -> str:
        if self.conforms:
            warnings = len(self.violations)
            extra = f" ({warnings} warning{'s' if warnings != 1 else ''})" if warnings else ""
            return f"conforms: {self.triples} triples in {self.graphs} graphs, no violations{extra}"
        counts: dict[str, int] = {}
        for v in self.violations:
            counts[v.severity] = counts.get(v.severity, 0) + 1
        parts = ", ".join(f"{n} {sev.lower()}{'s' if n != 1 else ''}" for sev, n in sorted(counts.items()))
        return f"does not conform: {parts} in {self.triples} triples"


def validate_layout(layout: Layout, shapes: Path | None = None) -> ValidationReport:
    """Load every file of ``layout`` and validate it against the shapes."""
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


def validate_graph(data, shapes, ontology=None, where=None) -> ValidationReport:
    """Validate an rdflib graph; ``where`` maps a subject IRI to the files stating it."""
    import pyshacl

    conforms, results, _ = pyshacl.validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference="none",
        advanced=True, allow_warnings=True)
    violations = sorted(_violations(results, data, where or {}),
                        key=lambda v: (v.files, v.focus, v.path or "", v.message))
    return ValidationReport(conforms=bool(conforms), violations=violations, triples=len(data))


def _violations(results, data, where):
    import rdflib

    sh = lambda name: rdflib.URIRef(SH[name])  # noqa: E731
    for result in results.subjects(rdflib.RDF.type, sh("ValidationResult")):
        focus = results.value(result, sh("focusNode"))
        path = results.value(result, sh("resultPath"))
        message = results.value(result, sh("resultMessage"))
        severity = results.value(result, sh("resultSeverity"))
        value = results.value(result, sh("value"))
        owner, via = _owner(data, focus) or (focus, None)
        yield Violation(
            focus=str(owner),
            via=None if via is None else str(via),
            label=_label(data, owner),
            path=str(path) if isinstance(path, rdflib.URIRef) else None,
            message=str(message) if message is not None else "constraint not met",
            severity=shorten(str(severity)).removeprefix("sh:") if severity else "Violation",
            value=None if value is None else str(value),
            files=tuple(where.get(str(owner), ())),
            shape=str(results.value(result, sh("sourceShape"))),
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
        values = list(graph.objects(node, rdflib.URIRef(prop)))
        english = [v for v in values if getattr(v, "language", None) in ("en", None)]
        if english or values:
            return str((english or values)[0])
    return None


def _files_by_subject(dataset, files, root) -> dict[str, list[str]]:
    import rdflib

    where: dict[str, list[str]] = {}
    for graph_iri, path in files.items():
        try:
            shown = str(Path(path).resolve().relative_to(Path(root).resolve()))
        except ValueError:
            shown = str(path)
        for subject in set(dataset.graph(rdflib.URIRef(graph_iri)).subjects()):
            where.setdefault(str(subject), []).append(shown)
    return where
