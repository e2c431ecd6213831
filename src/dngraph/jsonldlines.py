"""Sorted canonical N-Triples lines as the RDF dataset pyld converts to JSON-LD
(JSON-LD 1.1 API, section 8.4): ``{"@default": [triple, ...]}``, one triple a line,
in the order of the lines.

Each line was written by pyoxigraph, which writes IRIs and blank node labels as
they are and escapes with a backslash every character a literal cannot hold as it
is. So a line without a backslash is cut at its spaces and quotes; a line with one
is read by pyoxigraph. The terms are those :func:`dngraph.jsonld.rdf_dataset` gives.
"""

from __future__ import annotations

from .namespaces import RDF, XSD

_STRING, _LANG_STRING = XSD.string, RDF.langString


def default_graph(lines: list[str]) -> dict:
    """``lines`` (N-Triples, each once) as pyld's RDF dataset of one default graph."""
    triples = []
    for line in lines:
        if "\\" in line:
            triples.append(_read(line))
            continue
        subject_end = line.index(" ")
        predicate_end = line.index(" ", subject_end + 1)
        triples.append({"subject": _resource(line[:subject_end]),
                        "predicate": {"type": "IRI", "value": line[subject_end + 2:predicate_end - 1]},
                        "object": _object(line[predicate_end + 1:-2])})
    return {"@default": triples} if triples else {}


def _resource(text: str) -> dict:
    if text[0] == "<":
        return {"type": "IRI", "value": text[1:-1]}
    return {"type": "blank node", "value": text}


def _object(text: str) -> dict:
    if text[0] != '"':
        return _resource(text)
    end = text.rindex('"')
    rest = text[end + 1:]
    if not rest:
        return {"type": "literal", "value": text[1:end], "datatype": _STRING}
    if rest[0] == "@":
        return {"type": "literal", "value": text[1:end], "datatype": _LANG_STRING, "language": rest[1:]}
    return {"type": "literal", "value": text[1:end], "datatype": rest[3:-1]}


def _read(line: str) -> dict:
    import pyoxigraph as ox

    from .jsonld import _node

    triple = next(iter(ox.parse(line.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)))
    return {"subject": _node(ox, triple.subject), "predicate": _node(ox, triple.predicate),
            "object": _node(ox, triple.object)}
