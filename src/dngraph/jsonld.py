"""Compact JSON-LD with the shipped context, and framed views of it.

The context, ``ontology/context.jsonld``, gives short keys (``label``,
``memberNation``, ``startDate``), aliases ``id`` and ``type`` for ``@id`` and
``@type``, types values by their property (dates, years, IRIs), keeps language
tags in language maps (``"label": {"en": ..., "fr": ...}``) and writes the
project's IRIs relative to ``@base``. A frame from ``ontology/frames/{name}.jsonld``
nests related things under each node of one class (JSON-LD 1.1 Framing).

pyld converts RDF to JSON-LD (JSON-LD 1.1 API, section 8.4, with native numbers for
``xsd:integer``); :mod:`dngraph.jsonldfast` compacts it (section 6), directly for the
shipped context and through pyld for a context it does not reproduce, and pyld frames
it (through :mod:`dngraph.jsonldproc`). The context
is embedded in the output, so any processor reads it without fetching anything;
the document loader serves only the bundled context and refuses every other IRI,
so nothing ever reaches the network.
"""

from __future__ import annotations

import json

from .errors import DngraphError
from .resources import Layout

# The IRI under which the bundled context is served to pyld, should a frame or
# a document refer to it instead of embedding it.
CONTEXT_NAME = "context.jsonld"


def load_context(layout: Layout) -> dict:
    """The shipped context: the value of ``@context`` in ``ontology/context.jsonld``."""
    try:
        return json.loads(layout.context.read_text(encoding="utf-8"))["@context"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DngraphError(f"{layout.context}: not a readable JSON-LD context: {exc}") from None


def frame_names(layout: Layout) -> list[str]:
    """The frames shipped in ``ontology/frames/``, by name."""
    return sorted(path.stem for path in layout.frames.glob("*.jsonld"))


def load_frame(layout: Layout, name: str) -> dict:
    """The frame ``name``; an unknown name raises an error listing the frames there are."""
    path = layout.frames / f"{name}.jsonld"
    if not path.is_file():
        raise DngraphError(f"--frame {name!r}: no such frame; use {', '.join(frame_names(layout))}")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DngraphError(f"{path}: not readable JSON: {exc}") from None


def offline_loader(context: dict):
    """A pyld document loader that serves the bundled context and refuses every other IRI."""
    from pyld.jsonld import JsonLdError

    def load(url, options=None):
        if url == CONTEXT_NAME:
            return {"contextUrl": None, "documentUrl": url, "document": {"@context": context}}
        raise JsonLdError(f"remote document {url} not loaded: dngraph reads no document from the network",
                          "jsonld.LoadDocumentError", code="loading document failed")

    return load


def to_compact(nquads: str, context: dict, frame: dict | None = None) -> dict:
    """Canonical N-Quads as compact (or, with ``frame``, framed) JSON-LD with ``context``."""
    return _compacted(rdf_dataset(nquads), context, frame)


def _compacted(dataset: dict, context: dict, frame: dict | None) -> dict:
    """pyld's RDF ``dataset`` (:func:`rdf_dataset`) as compact or framed JSON-LD."""
    from pyld import jsonld

    from . import jsonldfast, jsonldproc

    options = {"documentLoader": offline_loader(context)}
    expanded = jsonld.from_rdf(dataset, {})
    if frame is None:
        return jsonldfast.compact(nest_blank_nodes(expanded), context, options)
    expanded = jsonldfast.native_integers(expanded)
    framed = dict(frame, **{"@context": context})
    # Only what the frame asks for is embedded (@embed @always); everything else is
    # referred to by its id, and properties a node lacks are left out, not null.
    return jsonldproc.frame(expanded, framed, dict(options, embed="@never", omitDefault=True))


def rdf_dataset(nquads: str) -> dict:
    """N-Quads read by pyoxigraph into the RDF dataset pyld converts (JSON-LD 1.1 API,
    section 8.4): ``{graph name or "@default": [triple, ...]}``, in the order of the
    lines, as pyld's own reader gives it for N-Quads written by pyoxigraph (whose
    language tags are in lower case). That reader compares each new triple with every
    triple before it, so its time grows with the square of the graph."""
    import pyoxigraph as ox

    dataset: dict[str, list] = {}
    seen: set = set()
    for quad in ox.parse(nquads.encode("utf-8"), format=ox.RdfFormat.N_QUADS):
        if quad in seen:
            continue
        seen.add(quad)
        name = "@default" if isinstance(quad.graph_name, ox.DefaultGraph) else _node(ox, quad.graph_name)["value"]
        dataset.setdefault(name, []).append({"subject": _node(ox, quad.subject), "predicate": _node(ox, quad.predicate),
                                             "object": _node(ox, quad.object)})
    return dataset


def _node(ox, term) -> dict:
    """One term in pyld's form: IRI, blank node (``_:`` and its label) or literal
    (``ox`` is pyoxigraph, imported once by the caller rather than once a term)."""
    if isinstance(term, ox.NamedNode):
        return {"type": "IRI", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "blank node", "value": "_:" + term.value}
    node = {"type": "literal", "value": term.value, "datatype": term.datatype.value}
    if term.language:
        node["language"] = term.language
    return node


def nest_blank_nodes(nodes: list) -> list:
    """Move each blank node that one other node refers to inside that node, so an
    interval reads as part of the membership it belongs to (node objects as
    values, JSON-LD 1.1 section 9.7). Blank nodes on a cycle no root reaches stay
    at the top, as do those referred to more than once."""
    from collections import Counter

    by_id = {node["@id"]: node for node in nodes}
    refs = Counter(value["@id"] for node in nodes for key, values in node.items() if not key.startswith("@")
                   for value in values if value.get("@id", "").startswith("_:"))
    inner = {ref for ref, count in refs.items() if count == 1 and ref in by_id}
    placed: set = set()

    def fill(node: dict, path: frozenset) -> None:
        for key, values in node.items():
            for i, value in enumerate(values if not key.startswith("@") else ()):
                ref = value.get("@id")
                if ref in inner and ref not in path:
                    values[i] = {k: v for k, v in by_id[ref].items() if k != "@id"}
                    placed.add(ref)
                    fill(values[i], path | {ref})

    roots = [node for node in nodes if node["@id"] not in inner]
    for root in roots:
        fill(root, frozenset([root["@id"]]))
    return roots + [by_id[ref] for ref in sorted(inner - placed)]


def dumps(document: dict) -> str:
    """JSON text, two-space indent, with the context one term a line at the top."""
    from .jsonldtext import ordered_json

    context = document.get("@context")
    rest = {k: v for k, v in document.items() if k != "@context"}
    if not isinstance(context, dict) or not rest:
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    terms = ",\n".join(f"    {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in context.items())
    body = ordered_json(rest)
    return '{\n  "@context": {\n' + terms + "\n  },\n" + body[2:] + "\n"


def write_jsonld(dataset, layout: Layout, frame: str | None = None) -> bytes:
    """``dataset`` (a canonical pyoxigraph Dataset) as compact JSON-LD, UTF-8, two-space indent."""
    from .rdfwrite import sorted_lines

    return jsonld_of_lines(sorted_lines(dataset).decode("utf-8").splitlines(), layout, frame)


def jsonld_of_lines(lines: list[str], layout: Layout, frame: str | None = None) -> bytes:
    """Sorted canonical N-Triples ``lines`` (:mod:`dngraph.exportlines`) as compact JSON-LD."""
    context = load_context(layout)
    shape = load_frame(layout, frame) if frame else None
    from .jsonldlines import default_graph

    document = _compacted(default_graph(lines), context, shape)
    return dumps(document).encode("utf-8")
