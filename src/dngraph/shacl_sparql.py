"""SHACL-SPARQL on pyoxigraph stores: the focus nodes of a shape and its SPARQL-based constraints.

Follows SHACL (https://www.w3.org/TR/shacl/) section 2.1.3 (targets), section 5
(SPARQL-based constraints) and SHACL Advanced Features section 5.1 (SPARQL-based
targets). ``shapes`` and ``data`` are pyoxigraph Stores; the default graph of
``data`` is the data graph. Each constraint's query runs once with ``$this``
free and keeps the solutions whose ``$this`` is a focus node of the shape: the
same solutions as pre-binding ``$this`` (section 5.3.1) for a query whose
``$this`` is bound by its outer group pattern, as in every query of
``ontology/shapes.ttl`` (``tests/test_validate_parity.py`` holds the results to
pySHACL's).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .namespaces import SH
from .resources import SPARQL_DIR


@dataclass(frozen=True)
class Result:
    """One validation result (SHACL section 3.6.2); nodes are pyoxigraph terms,
    ``path`` is ``<iri>`` or ``^<iri>`` (an inverse path), IRIs are plain strings."""

    focus: object
    path: str | None
    value: object | None
    shape: str
    severity: str
    component: str
    message: str | None

    def key(self) -> tuple:
        """What two engines must agree on, every node in N-Triples form."""
        value = None if self.value is None else str(self.value)
        return (str(self.focus), self.path, value, self.shape, self.severity, self.component, self.message)


def read_sparql(name: str) -> str:
    """One of the library's SHACL queries, ``sparql/shacl/{name}``."""
    return (SPARQL_DIR / "shacl" / name).read_text(encoding="utf-8")


def _bound(store, name: str, **bindings):
    import pyoxigraph

    return store.query(read_sparql(name), substitutions={pyoxigraph.Variable(k): v for k, v in bindings.items()})


def prefixes(shapes, node) -> str:
    """The PREFIX lines that ``node`` declares through ``sh:prefixes`` (section 5.2.1)."""
    return "".join(f"PREFIX {row['prefix'].value}: <{row['namespace'].value}>\n"
                   for row in _bound(shapes, "prefixes.rq", node=node))


def messages(shapes, node) -> list[str]:
    """The ``sh:message`` values of ``node``, English first."""
    return [row["message"].value for row in _bound(shapes, "messages.rq", node=node)]


def focus_nodes(shapes, data, shape, select) -> set:
    """Every focus node of ``shape`` in ``data`` (section 2.1.3; SHACL-AF 5.1);
    ``select(target)`` gives the nodes a SPARQL-based target selects (:mod:`.shacl_targets`)."""
    found: set = set()
    for row in _bound(shapes, "targets.rq", shape=shape):
        kind, value = row["kind"].value, row["value"]
        if kind == "node":
            found.add(value)
        elif kind == "select":
            found.update(select(row["target"]))
        else:
            found.update(s["this"] for s in _bound(data, f"target-{kind}.rq", value=value))
    return found


def sparql_results(shapes, data, focus_of) -> list[Result]:
    """The results of every SPARQL-based constraint (section 5.3); ``focus_of(shape)``
    gives the focus nodes of a shape."""
    import pyoxigraph

    results = []
    for row in shapes.query(read_sparql("sparql-constraints.rq")):
        shape, path = row["shape"], row["path"]
        if path is not None and not isinstance(path, pyoxigraph.NamedNode):
            raise NotImplementedError(f"SPARQL constraint on a complex path in {shape}")
        text = prefixes(shapes, row["constraint"]) + row["select"].value
        if path is not None:
            text = text.replace("$PATH", str(path))
        templates = messages(shapes, row["constraint"]) or messages(shapes, shape)
        severity = row["severity"].value if row["severity"] is not None else SH.Violation
        focus = focus_of(shape)
        pre = {pyoxigraph.Variable("currentShape"): shape} if "currentShape" in text else {}
        solutions = data.query(text, substitutions=pre)
        names = [v.value for v in solutions.variables]
        for solution in solutions:
            this = solution["this"]
            if this is None or this not in focus:
                continue
            bound = {n: solution[n] for n in names if solution[n] is not None}
            results.append(Result(
                focus=this,
                path=f"<{bound['path'].value}>" if "path" in bound else (None if path is None else str(path)),
                value=bound.get("value", this if path is None else None),
                shape=shape.value, severity=severity, component=SH.SPARQLConstraintComponent,
                message=_fill(templates[0], bound) if templates else None))
    return results


def _fill(template: str, bound: dict) -> str:
    """Section 5.3.2: ``{?name}`` and ``{$name}`` become the value bound to ``name``."""
    return re.sub(r"\{[?$](\w+)\}", lambda m: bound[m.group(1)].value if m.group(1) in bound else m.group(0),
                  template)
