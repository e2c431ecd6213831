"""SHACL Core by rudof (pyrudof, Rust), for the shapes the core checker does not cover.

:func:`rudof_results` gives rudof a copy of the shapes graph in which only the
given shapes keep their targets, without the SPARQL parts: a shape with a
SPARQL-based target (SHACL-AF 5.1) gets ``sh:targetSubjectsOf`` a marker
property instead, and its focus nodes, found on pyoxigraph, carry that property
in the copy of the data given to rudof.

pyrudof reports each result (SHACL section 3.6.2) as strings: IRIs bare, blank
nodes as ``_:id`` (the identifiers of the N-Triples it was given), paths as
``iri`` or ``^(iri)``, literals in a short Turtle-like form. A literal value is
mapped back to the term it came from: the focus node or the value of the
result's path at it that prints the same. Anything that cannot be mapped exactly raises
``NotImplementedError``, and the caller asks the reference engine instead.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from .namespaces import RDF, RDFS, SH, XSD
from .shacl_sparql import Result, messages

_MARK = "urn:x-dngraph:shacl-target:"
_TARGETS = (SH.target, SH.targetNode, SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf)


def rudof_results(data, shapes, marked: dict, only) -> list[Result]:
    """rudof's results for the SHACL Core constraints of the shapes ``only`` (their targets
    kept, every other shape's dropped); ``marked`` maps each of them with a SPARQL-based
    target to its focus nodes."""
    import pyrudof

    marks, core = [], []
    for number, (shape, nodes) in enumerate(sorted(marked.items(), key=lambda i: i[0].value)):
        mark = f"<{_MARK}{number}>"
        marks.extend(f"{node} {mark} {mark} .\n" for node in nodes)
        core.append(f"{shape} <{SH.targetSubjectsOf}> {mark} .\n")
    keep = set(only) - set(marked)
    for q in shapes:
        p = q.predicate.value
        target = p in _TARGETS or (p == RDF.type and q.object.value == RDFS.Class)
        if p != SH.sparql and not (target and q.subject not in keep):
            core.append(f"{q.subject} {q.predicate} {q.object} .\n")
    rudof = pyrudof.Rudof(pyrudof.RudofConfig())
    with tempfile.TemporaryDirectory(prefix="dngraph-shacl-") as folder:
        data_file = Path(folder) / "data.nt"  # rudof reads a file faster than a string
        data_file.write_bytes(data.ntriples() + "".join(marks).encode("utf-8"))
        rudof.read_data(str(data_file), format=pyrudof.RDFFormat.NTriples)
    rudof.read_shacl("".join(core), format=pyrudof.ShaclFormat.NTriples)
    return [to_result(entry, data.quads, shapes) for entry in rudof.validate_shacl().violations]


def to_result(entry, quads, shapes) -> Result:
    """A rudof result; ``quads`` is the pyoxigraph Dataset it was computed from."""
    import pyoxigraph

    focus = _node(entry.focus_node)
    path = _path(entry.path)
    if entry.source_shape.startswith("_:"):
        raise NotImplementedError("a result from a shape without an IRI")
    shape = pyoxigraph.NamedNode(entry.source_shape)
    severity = entry.severity if ":" in entry.severity else SH[entry.severity]
    found = messages(shapes, shape)
    return Result(focus=focus, path=path, value=_value(entry.value, focus, path, quads),
                  shape=shape.value, severity=severity, component=entry.constraint_component,
                  message=found[0] if found else _first_message(entry.message))


def _node(text: str):
    import pyoxigraph

    return pyoxigraph.BlankNode(text[2:]) if text.startswith("_:") else pyoxigraph.NamedNode(text)


def _path(text: str | None) -> str | None:
    if text is None:
        return None
    inverse = re.fullmatch(r"\^\(([^\s()<>^|*+?]+)\)", text)
    if inverse:
        return f"^<{inverse.group(1)}>"
    if re.fullmatch(r"[^\s()<>^|/*+?]+:[^\s()<>^|*+?]+", text):
        return f"<{text}>"
    raise NotImplementedError(f"a result on the path {text}")


def _value(text: str | None, focus, path: str | None, quads):
    """The term rudof printed as ``text``: a blank node by its identifier, else the focus
    node or a value of the path at it that prints the same."""
    import pyoxigraph

    if text is None:
        return None
    if text.startswith("_:"):
        return _node(text)
    candidates = {focus}
    if path is not None and path.startswith("<"):
        candidates |= {q.object for q in quads.quads_for_subject(focus) if q.predicate.value == path[1:-1]}
    elif path is not None:
        candidates |= {q.subject for q in quads.quads_for_object(focus) if q.predicate.value == path[2:-1]}
    same = [c for c in candidates if text in _printings(c)]
    if len(same) == 1:
        return same[0]
    if not same and not text.startswith('"') and " " not in text:
        return pyoxigraph.NamedNode(text)  # an IRI no path leads to (sh:hasValue, sh:in)
    raise NotImplementedError(f"cannot tell which value {text} is")


def _printings(term) -> set[str]:
    """The ways pyrudof prints a term."""
    import pyoxigraph

    if isinstance(term, pyoxigraph.NamedNode):
        return {term.value, str(term)}
    if isinstance(term, pyoxigraph.BlankNode):
        return {str(term)}
    return {_printed(term), term.value, str(term)}


def _printed(literal) -> str:
    """A literal as pyrudof prints it."""
    text = f'"{literal.value}"'
    datatype = literal.datatype.value
    if literal.language:
        return f"{text}@{literal.language}"
    if datatype == XSD.string:
        return text
    if datatype.startswith(XSD):
        return f"{text}^^xsd:{datatype[len(XSD):]}"
    return f"{text}^^<{datatype}>"


def _first_message(text: str | None) -> str | None:
    match = re.match(r'"((?:[^"\\]|\\.)*)"', text or "")
    return match.group(1) if match else text
