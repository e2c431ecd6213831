"""The links out of the graph, kept as an SSSOM mapping set and turned into RDF.

``data/links/*.sssom.tsv`` is the curated table (SSSOM 0.15 TSV: a YAML header
of ``#`` lines with the prefixes and the set's metadata, then one mapping a row,
each with its justification, the page it was checked against and a comment).
:func:`to_graph` gives its RDF form (the mapping triple itself plus a
``sssom:Mapping`` node, with a stable IRI, carrying the SSSOM slots as in the
SSSOM RDF serialisation, https://mapping-commons.github.io/sssom/spec-formats-rdf/),
which :func:`write_turtle` saves beside it as ``.ttl`` so the build loads it into a
graph of its own, named by the set's ``mapping_set_id``.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from .errors import LoadError
from .namespaces import DCTERMS, DN, OWL, RDF, RDFS, SSSOM, XSD

# SSSOM slots whose RDF property is not sssom:{slot}.
_SLOT_IRIS = {"see_also": RDFS.seeAlso, "comment": RDFS.comment, "mapping_date": DCTERMS.date}
_MULTIVALUED = {"see_also", "author_label", "creator_label"}
_SKIPPED = {"subject_id", "predicate_id", "object_id"}


def read_sssom(path: Path) -> tuple[dict, list[dict]]:
    """The set's metadata (the YAML header) and its mappings (one dict a row)."""
    import yaml

    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LoadError(path, f"cannot read file: {exc}") from None
    lines = text.splitlines(keepends=True)
    header = "".join(line[1:] for line in lines if line.startswith("#"))
    body = "".join(line for line in lines if not line.startswith("#"))
    try:
        meta = yaml.safe_load(header) or {}
    except yaml.YAMLError as exc:
        raise LoadError(path, f"SSSOM header is not YAML: {exc}") from None
    rows = [dict(row) for row in csv.DictReader(io.StringIO(body), delimiter="\t")]
    for number, row in enumerate(rows, start=1):
        missing = [k for k in ("subject_id", "predicate_id", "object_id", "mapping_justification") if not row.get(k)]
        if missing:
            raise LoadError(path, f"mapping {number} lacks {', '.join(missing)}")
    return meta, rows


def expand(curie: str, prefixes: dict) -> str:
    """``wikidata:Q16`` -> the full IRI, with the set's ``curie_map``; full IRIs stay."""
    prefix, sep, local = curie.partition(":")
    if sep and prefix in prefixes:
        return prefixes[prefix] + local
    if curie.startswith(("http://", "https://")):
        return curie
    raise LoadError("SSSOM", f"unknown prefix in {curie!r}")


def to_graph(meta: dict, rows: list[dict]):
    """The mapping set as an rdflib Graph: each mapping as a triple and an annotated axiom."""
    import rdflib

    prefixes = meta.get("curie_map") or {}
    graph = rdflib.Graph()
    for name, iri in prefixes.items():
        graph.bind(name, iri)
    graph.bind("sssom", SSSOM)
    mapping_set = rdflib.URIRef(meta["mapping_set_id"])
    _describe_set(graph, mapping_set, meta)
    for row in rows:
        triple = tuple(rdflib.URIRef(expand(row[k], prefixes)) for k in ("subject_id", "predicate_id", "object_id"))
        graph.add(triple)
        axiom = _mapping_iri(meta["mapping_set_id"], row)
        graph.add((mapping_set, rdflib.URIRef(SSSOM.mappings), axiom))
        graph.add((axiom, rdflib.URIRef(RDF.type), rdflib.URIRef(SSSOM.Mapping)))
        for slot, term in zip(("subject_id", "predicate_id", "object_id"), triple):
            graph.add((axiom, rdflib.URIRef(SSSOM[slot]), term))
        for slot, value in row.items():
            if slot not in _SKIPPED and value:
                for term in _slot_terms(slot, value, prefixes):
                    graph.add((axiom, rdflib.URIRef(_SLOT_IRIS.get(slot, SSSOM[slot])), term))
    _declare(graph)
    return graph


def _declare(graph) -> None:
    """Declare the SSSOM terms used, so ontology plus data stay in OWL 2 DL and RL
    (OWL 2 Structural Specification, section 5.8: every IRI used is declared)."""
    import rdflib

    used = {p for p in graph.predicates() if str(p).startswith(str(SSSOM))}
    for prop in used:
        graph.add((prop, rdflib.URIRef(RDF.type), rdflib.URIRef(OWL.AnnotationProperty)))
    for cls in (SSSOM.MappingSet, SSSOM.Mapping):
        graph.add((rdflib.URIRef(cls), rdflib.URIRef(RDF.type), rdflib.URIRef(OWL.Class)))


def _mapping_iri(set_id: str, row: dict):
    """A stable IRI for one mapping, from its subject and object: ``{set}/mapping/nation-ca--wikidata-Q16``."""
    import rdflib

    slug = "--".join(re.sub(r"[^A-Za-z0-9]+", "-", row[k]).strip("-") for k in ("subject_id", "object_id"))
    return rdflib.URIRef(f"{set_id}/mapping/{slug}")


def _describe_set(graph, node, meta: dict) -> None:
    import rdflib

    graph.add((node, rdflib.URIRef(RDF.type), rdflib.URIRef(SSSOM.MappingSet)))
    graph.add((node, rdflib.URIRef(RDF.type), rdflib.URIRef(DN.SourceDocument)))
    title = rdflib.Literal(meta.get("mapping_set_title", "mapping set"), lang="en")
    graph.add((node, rdflib.URIRef(DCTERMS.title), title))
    graph.add((node, rdflib.URIRef(RDFS.label), title))
    if meta.get("mapping_set_description"):
        graph.add((node, rdflib.URIRef(DCTERMS.description), rdflib.Literal(meta["mapping_set_description"], lang="en")))
    if meta.get("license"):
        graph.add((node, rdflib.URIRef(DCTERMS.license), rdflib.URIRef(meta["license"])))
    if meta.get("mapping_set_version"):
        graph.add((node, rdflib.URIRef(OWL.versionInfo), rdflib.Literal(str(meta["mapping_set_version"]))))
    graph.add((node, rdflib.URIRef(DCTERMS.language), rdflib.Literal("en")))
    labels = meta.get("creator_label") or []
    for n, creator in enumerate(meta.get("creator_id") or []):
        agent = rdflib.URIRef(expand(creator, meta.get("curie_map") or {}))
        graph.add((node, rdflib.URIRef(DCTERMS.creator), agent))
        graph.add((agent, rdflib.URIRef(RDF.type), rdflib.URIRef(DN.Organization)))
        if n < len(labels):
            graph.add((agent, rdflib.URIRef(RDFS.label), rdflib.Literal(labels[n], lang="en")))


def _slot_terms(slot: str, value: str, prefixes: dict):
    import rdflib

    values = value.split("|") if slot in _MULTIVALUED else [value]
    for item in values:
        if slot == "see_also":
            yield rdflib.URIRef(item)
        elif slot == "confidence":
            yield rdflib.Literal(item, datatype=rdflib.URIRef(XSD.double))
        elif slot == "mapping_date":
            yield rdflib.Literal(item, datatype=rdflib.URIRef(XSD.date))
        elif slot.endswith("_id") or slot == "mapping_justification":
            yield rdflib.URIRef(expand(item, prefixes))
        elif slot == "comment" or slot.endswith("_label"):
            yield rdflib.Literal(item, lang="en")
        else:
            yield rdflib.Literal(item)


def turtle_path(tsv: Path) -> Path:
    """``x.sssom.tsv`` -> ``x.ttl``: where the RDF form is saved for the build to load."""
    return tsv.with_name(tsv.name.removesuffix(".sssom.tsv") + ".ttl")


def write_turtle(tsv: Path) -> Path:
    """Regenerate the RDF form of the mapping set in ``tsv``; returns the file written."""
    from .cache import write_atomic

    meta, rows = read_sssom(tsv)
    text = "# Generated from " + tsv.name + " by dngraph.linkset.write_turtle; edit the TSV, not this file.\n"
    payload = text.encode("utf-8") + to_graph(meta, rows).serialize(format="turtle", encoding="utf-8")
    target = turtle_path(tsv)
    write_atomic(target, payload)
    return target


if __name__ == "__main__":  # python -m dngraph.linkset data/links/*.sssom.tsv
    import sys

    for name in sys.argv[1:]:
        print(write_turtle(Path(name)))
