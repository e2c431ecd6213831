"""An offline HTML reference of the ontology: ``dngraph docs -o DIR`` writes
``DIR/index.html``, one page that needs no network (no script, no remote style or font).

Each class and property of the ontology's namespace gets a section (its anchor the
IRI's fragment, so ``...ontology#Nation`` is ``index.html#Nation``) with its kind,
labels in English and French, definition, domain, range, super-classes or
super-properties, and the SHACL shapes that constrain it (SHACL sections 2.1.3 and
2.3.1, see ``sparql/docs/constraints.rq``), each linked to the shape's own entry.

Written here with Jinja2 and autoescaping (every literal of the ontology is escaped);
pyLODE was not used, as it would add a dependency beyond those the package pins.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .errors import DngraphError, LoadError
from .namespaces import DN, OWL
from .resources import library_query

KINDS = {OWL.Class: "class", OWL.ObjectProperty: "object property",
         OWL.DatatypeProperty: "datatype property", OWL.AnnotationProperty: "annotation property"}
LANGS = ("en", "fr")


@dataclass
class DocTerm:
    """One documented term: ``values`` maps an annotation (label, definition, ...) to its values."""

    iri: str
    kind: str
    values: dict = field(default_factory=dict)
    shapes: list = field(default_factory=list)   # (shape IRI, how)

    @property
    def name(self) -> str:
        return self.iri.rsplit("#", 1)[-1]

    def label(self, lang: str) -> str | None:
        return next((v.value for v in self.values.get("label", []) if v.language == lang), None)

    def texts(self, key: str) -> list:
        return [(v.value, v.language) for v in self.values.get(key, [])]

    def iris(self, key: str) -> list[str]:
        return [v.value for v in self.values.get(key, []) if v.__class__.__name__ == "NamedNode"]


def reference(layout) -> tuple[list[DocTerm], list[dict]]:
    """The ontology's terms (classes first, then by name) and the shapes (IRI, label, comment)."""
    import pyoxigraph as ox

    store = ox.Store()
    for path in (layout.ontology, layout.shapes):
        try:
            store.load(path=str(path), format=ox.RdfFormat.TURTLE)
        except (OSError, SyntaxError) as exc:
            raise LoadError(path, f"cannot read: {exc}") from None
    terms: dict[str, DocTerm] = {}
    for row in store.query(library_query("docs/terms"), substitutions={ox.Variable("namespace"): ox.NamedNode(DN)}):
        term = terms.setdefault(row["term"].value, DocTerm(row["term"].value, KINDS[row["kind"].value]))
        if row["key"] is not None:
            term.values.setdefault(row["key"].value, []).append(row["value"])
    for row in store.query(library_query("docs/constraints")):
        if row["term"].value in terms:
            terms[row["term"].value].shapes.append((row["shape"].value, row["how"].value))
    shapes = [{"iri": r["shape"].value, "label": r["label"].value if r["label"] else None,
               "comment": r["comment"].value if r["comment"] else None}
              for r in store.query(library_query("docs/shapes"))]
    ordered = sorted(terms.values(), key=lambda t: (list(KINDS.values()).index(t.kind), t.name.casefold()))
    return ordered, _unique(shapes)


def _unique(shapes: list[dict]) -> list[dict]:
    seen, kept = set(), []
    for shape in shapes:
        if shape["iri"] not in seen:
            seen.add(shape["iri"])
            kept.append(shape)
    return kept


def render(layout, version: str) -> str:
    """The reference page as HTML text."""
    try:
        import jinja2
    except ImportError:
        raise DngraphError("dngraph docs needs jinja2: pip install 'dngraph[docs]'") from None
    from .difftext import short

    env = jinja2.Environment(loader=jinja2.PackageLoader("dngraph", "templates"),
                             autoescape=True, trim_blocks=True, lstrip_blocks=True)
    env.filters["short"] = short
    env.filters["frag"] = lambda iri: iri.rsplit("#", 1)[-1]
    env.filters["anchor"] = lambda iri: ("#" + iri[len(DN):]) if iri.startswith(DN) else None
    terms, shapes = reference(layout)
    return env.get_template("reference.html").render(
        terms=terms, shapes=shapes, kinds=list(KINDS.values()), version=version, namespace=str(DN), langs=LANGS)


def write_docs(layout, folder, version: str) -> Path:
    """Write ``folder/index.html``; returns its path."""
    from .cache import write_atomic

    target = Path(folder) / "index.html"
    if Path(folder).exists() and not Path(folder).is_dir():
        raise DngraphError(f"{folder}: not a folder")
    write_atomic(target, render(layout, version))
    return target
