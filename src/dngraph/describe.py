"""The dataset described in VoID and DCAT, generated from the graph itself.

Every figure comes from a query in ``sparql/describe/`` run on the asserted graph
(the merge of the source graphs, as exported; no entailments): the totals
(VoID, https://www.w3.org/TR/void/ section 4.5), class and property partitions
(section 4.6), a subset per source graph, and the linksets to Wikidata and
GeoNames per link predicate (section 5). The dataset is also a ``dcat:Dataset``
(https://www.w3.org/TR/vocab-dcat-3/) with one ``dcat:Distribution`` per export
format; given a folder of files (a release), each file found there becomes a
distribution with its byte size and SHA-256 checksum (SPDX).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from . import __version__
from .namespaces import (DATASET_IRI, DCAT, DCTERMS, DN, FOAF, GEONAMES, GEONAMES_DATASET, ID,
                         PUBLISHER_IRI, RDF, SPDX, VOID, WD, WIKIDATA_DATASET, XSD)

TITLE = "The Digital Nations knowledge graph"
DESCRIPTION = ("Linked data on the Digital Nations, the forum of leading digital governments founded in 2014 "
               "as the Digital 5: members and memberships, summits, chairs, charters, working groups, people, "
               "organisations and initiatives, each fact in the graph of the document that states it.")
# Export formats: name -> (file suffix, IANA media type).
FORMATS = {
    "turtle": (".ttl", "text/turtle"), "ntriples": (".nt", "application/n-triples"),
    "nquads": (".nq", "application/n-quads"), "trig": (".trig", "application/trig"),
    "jsonld": (".jsonld", "application/ld+json"), "rdfxml": (".rdf", "application/rdf+xml"),
    "sssom": (".sssom.tsv", "text/tab-separated-values"),
}
LINK_TARGETS = {"wikidata": (WD, WIKIDATA_DATASET), "geonames": (GEONAMES, GEONAMES_DATASET)}
TARGET_TITLES = {"wikidata": "Wikidata", "geonames": "GeoNames"}
EXAMPLE_CLASSES = (DN.Forum, DN.Nation, DN.MinisterialSummit)
_MEDIA = "https://www.iana.org/assignments/media-types/"


def describe(kg, distributions: str | Path | None = None, base_url: str | None = None):
    """The VoID/DCAT description of ``kg`` as an rdflib Graph; see the module docstring."""
    import rdflib

    graph = rdflib.Graph()
    for prefix, ns in (("void", VOID), ("dcat", DCAT), ("dcterms", DCTERMS), ("spdx", SPDX), ("foaf", FOAF)):
        graph.bind(prefix, ns)
    ask = _Asker(kg)
    dataset = rdflib.URIRef(DATASET_IRI)
    _metadata(graph, dataset, ask)
    _partitions(graph, dataset, ask)
    _linksets(graph, dataset, ask)
    for node in (_listed(distributions, base_url) if distributions else _formats()):
        graph.add((dataset, _u(DCAT.distribution), node[0]))
        for triple in node[1]:
            graph.add(triple)
    return graph


class _Asker:
    """Runs the bundled describe queries on the asserted graph."""

    def __init__(self, kg):
        self.kg = kg

    def __call__(self, name: str, **bindings) -> list[dict]:
        from .resources import library_query

        return self.kg.sparql(library_query(f"describe/{name}"), infer=False, **bindings).terms


def _u(iri):
    import rdflib

    return rdflib.URIRef(iri)


def _int(value):
    import rdflib

    return rdflib.Literal(int(value), datatype=_u(XSD.integer))


def _term(term):
    """A pyoxigraph term as an rdflib one."""
    import rdflib

    if term.__class__.__name__ == "NamedNode":
        return rdflib.URIRef(term.value)
    datatype = getattr(term, "datatype", None)
    if getattr(term, "language", None):
        return rdflib.Literal(term.value, lang=term.language)
    return rdflib.Literal(term.value, datatype=_u(datatype.value) if datatype else None)


def _metadata(graph, dataset, ask) -> None:
    import rdflib

    graph.add((dataset, _u(RDF.type), _u(VOID.Dataset)))
    graph.add((dataset, _u(RDF.type), _u(DCAT.Dataset)))
    graph.add((dataset, _u(DCTERMS.title), rdflib.Literal(TITLE, lang="en")))
    graph.add((dataset, _u(DCTERMS.description), rdflib.Literal(DESCRIPTION, lang="en")))
    graph.add((dataset, _u(DCAT.version), rdflib.Literal(__version__)))
    publisher = _u(PUBLISHER_IRI)
    graph.add((dataset, _u(DCTERMS.publisher), publisher))
    graph.add((publisher, _u(RDF.type), _u(FOAF.Organization)))
    graph.add((publisher, _u(FOAF.name), rdflib.Literal("The dngraph maintainers", lang="en")))
    graph.add((dataset, _u(VOID.uriSpace), rdflib.Literal(ID)))
    for row in ask("license"):
        graph.add((dataset, _u(DCTERMS.license), _term(row["license"])))
    for row in ask("dates"):
        for key, prop in (("issued", DCTERMS.issued), ("modified", DCTERMS.modified)):
            if key in row:
                graph.add((dataset, _u(prop), _term(row[key])))
    totals = ask("totals")[0]
    for key, prop in (("triples", VOID.triples), ("subjects", VOID.distinctSubjects),
                      ("properties", VOID.properties), ("objects", VOID.distinctObjects)):
        graph.add((dataset, _u(prop), _int(totals[key].value)))
    for cls in EXAMPLE_CLASSES:
        for row in ask("examples", **{"class": _oxi(cls)}):
            if "example" in row:
                graph.add((dataset, _u(VOID.exampleResource), _u(row["example"].value)))


def _oxi(iri: str):
    import pyoxigraph

    return pyoxigraph.NamedNode(iri)


def _partitions(graph, dataset, ask) -> None:
    import rdflib

    classes = ask("classes")
    graph.add((dataset, _u(VOID.classes), _int(len(classes))))
    for row in classes:
        node = rdflib.BNode()
        graph.add((dataset, _u(VOID.classPartition), node))
        graph.add((node, _u(VOID["class"]), _term(row["class"])))
        graph.add((node, _u(VOID.entities), _int(row["entities"].value)))
    for row in ask("properties"):
        node = rdflib.BNode()
        graph.add((dataset, _u(VOID.propertyPartition), node))
        graph.add((node, _u(VOID.property), _term(row["property"])))
        graph.add((node, _u(VOID.triples), _int(row["triples"].value)))
    for row in ask("graphs"):
        if row["graph"].value.startswith(str(ID)):
            subset = _term(row["graph"])
            graph.add((dataset, _u(VOID.subset), subset))
            graph.add((subset, _u(RDF.type), _u(VOID.Dataset)))
            graph.add((subset, _u(VOID.triples), _int(row["triples"].value)))


def _linksets(graph, dataset, ask) -> None:
    import pyoxigraph
    import rdflib

    for name, (namespace, target) in LINK_TARGETS.items():
        rows = ask("linkset", ours=pyoxigraph.Literal(str(ID)), theirs=pyoxigraph.Literal(str(namespace)))
        for row in rows:
            predicate = row["predicate"].value
            node = _u(f"{DATASET_IRI}/linkset/{name}/{predicate.rsplit('#', 1)[-1].rsplit('/', 1)[-1]}")
            graph.add((dataset, _u(VOID.subset), node))
            graph.add((node, _u(RDF.type), _u(VOID.Linkset)))
            graph.add((node, _u(VOID.subjectsTarget), dataset))
            graph.add((node, _u(VOID.objectsTarget), _u(target)))
            graph.add((node, _u(VOID.linkPredicate), _u(predicate)))
            graph.add((node, _u(VOID.triples), _int(row["triples"].value)))
            graph.add((_u(target), _u(RDF.type), _u(VOID.Dataset)))
            graph.add((_u(target), _u(DCTERMS.title), rdflib.Literal(TARGET_TITLES[name], lang="en")))


def _distribution(name: str, media: str, extra=()):
    import rdflib

    node = _u(f"{DATASET_IRI}/distribution/{name}")
    triples = [(node, _u(RDF.type), _u(DCAT.Distribution)),
               (node, _u(DCAT.mediaType), _u(_MEDIA + media)),
               (node, _u(DCTERMS.title), rdflib.Literal(name))]
    return node, triples + [(node, p, o) for p, o in extra]


def _formats():
    """One distribution per export format, without files (so without checksums)."""
    return [_distribution(name, media) for name, (_, media) in FORMATS.items()]


def _listed(folder: str | Path, base_url: str | None):
    """A distribution for each file in ``folder`` whose suffix is an export format's."""
    import rdflib

    from .errors import DngraphError

    folder = Path(folder)
    if not folder.is_dir():
        raise DngraphError(f"--distributions {folder}: not a folder")
    found = []
    for path in sorted(p for p in folder.iterdir() if p.is_file()):
        media = next((m for suffix, m in FORMATS.values() if path.name.endswith(suffix)), None)
        if media is None:
            continue
        payload = path.read_bytes()
        checksum = rdflib.BNode()
        url = (base_url.rstrip("/") + "/" + path.name) if base_url else path.resolve().as_uri()
        extra = [(_u(DCAT.downloadURL), _u(url)),
                 (_u(DCAT.byteSize), rdflib.Literal(len(payload), datatype=_u(XSD.nonNegativeInteger))),
                 (_u(SPDX.checksum), checksum)]
        node, triples = _distribution(path.name, media, extra)
        triples += [(checksum, _u(RDF.type), _u(SPDX.Checksum)),
                    (checksum, _u(SPDX.algorithm), _u(SPDX.checksumAlgorithm_sha256)),
                    (checksum, _u(SPDX.checksumValue),
                     rdflib.Literal(hashlib.sha256(payload).hexdigest(), datatype=_u(XSD.hexBinary)))]
        found.append((node, triples))
    return found
