"""Check the data against the SHACL shapes and the ontology.

Follows SHACL (https://www.w3.org/TR/shacl/): the data graph is the union of
every source graph, the shapes come from ``ontology/shapes.ttl`` and the
ontology is mixed in so ``sh:class`` sees the class hierarchy (SHACL section
4.1.1, "SHACL instance"). Each result of the validation report (section 3.6)
becomes a :class:`Violation` that names the thing by its label and IRI and the
files that state it.

Two engines give the same results (``tests/test_validate_parity.py``):
``fast`` (SHACL Core set by set on the parsed terms, rudof for shapes beyond it,
SHACL-SPARQL on pyoxigraph; :mod:`.validate_fast`)
and ``pyshacl``, the reference (:mod:`.validate_pyshacl`). A report is cached
under a key of every input (:mod:`.validate_cache`), so unchanged input is
answered without validating again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .namespaces import shorten
from .resources import Layout

ENGINES = ("fast", "pyshacl")


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

    def sort_key(self) -> tuple:
        return (self.files, self.focus, self.path or "", self.message, self.value is not None, self.value or "")


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


def choose_label(values: list[tuple[str, str | None]]) -> str | None:
    """The label a report shows among ``(text, language)`` pairs: English, else
    untagged, else any; the first in code-point order among equals, so both engines agree."""
    rank = {"en": 0, None: 1}
    return min(values, key=lambda v: (rank.get(v[1], 2), v[0]))[0] if values else None


def validate_layout(layout: Layout, shapes: Path | None = None, engine: str = "fast",
                    cache: Path | None = None, use_cache: bool = True, store=None) -> ValidationReport:
    """Validate every file of ``layout`` against the shapes with ``engine``.

    The report is read from, or written to, the cache folder ``cache`` (default:
    the build cache's folder, beside the built stores) unless ``use_cache`` is
    False. ``store``, a callable, gives the built store of ``layout``, on which the
    fast engine runs its SPARQL; it is called only when a report is computed.
    """
    from . import validate_cache

    if engine not in ENGINES:
        raise ValueError(f"unknown validation engine {engine!r}; use one of {', '.join(ENGINES)}")
    shapes = shapes or layout.shapes
    path = validate_cache.report_path(layout, shapes, engine, cache) if use_cache else None
    report = validate_cache.read(path) if path else None
    if report is None:
        report = _run(layout, shapes, engine, store)
        if path:
            validate_cache.write(path, report)
    return report


def _run(layout: Layout, shapes: Path, engine: str, store=None) -> ValidationReport:
    from . import validate_pyshacl

    if engine == "fast":
        from . import validate_fast

        try:
            return validate_fast.validate_layout(layout, shapes, store)
        except NotImplementedError:
            pass  # shapes beyond what the fast engine maps exactly: ask the reference
        except (RuntimeError, ValueError):
            pass  # shapes rudof refuses: the reference names what is wrong with them
    return validate_pyshacl.validate_layout(layout, shapes)


def validate_graph(data, shapes, ontology=None, where=None) -> ValidationReport:
    """Validate an rdflib graph with pySHACL; ``where`` maps a subject IRI to the files stating it."""
    from .validate_pyshacl import validate_graph as run

    return run(data, shapes, ontology, where)
