"""Every IRI the code needs, in one place.

Plain strings, so the fast query path can use them without importing rdflib.
"""


class Namespace(str):
    """An IRI prefix; ``NS.term`` and ``NS["term"]`` give the full IRI as a plain string.

    Every public attribute is a term, so ``DCTERMS.title`` is the IRI, not ``str.title``.
    """

    def __getattribute__(self, name: str):
        if name.startswith("_"):
            return str.__getattribute__(self, name)
        return str(self) + name

    def __getitem__(self, name) -> str:  # type: ignore[override]
        if isinstance(name, str):
            return str(self) + name
        return str.__getitem__(self, name)


DN = Namespace("https://w3id.org/dngraph/ontology#")
ID = Namespace("https://w3id.org/dngraph/id/")
SOURCE = Namespace("https://w3id.org/dngraph/id/source/")
ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
SH = Namespace("http://www.w3.org/ns/shacl#")
WD = Namespace("http://www.wikidata.org/entity/")
RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")
OWL = Namespace("http://www.w3.org/2002/07/owl#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
PROV = Namespace("http://www.w3.org/ns/prov#")
TIME = Namespace("http://www.w3.org/2006/time#")
VOID = Namespace("http://rdfs.org/ns/void#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
SPDX = Namespace("http://spdx.org/rdf/terms#")
SSSOM = Namespace("https://w3id.org/sssom/")
SEMAPV = Namespace("https://w3id.org/semapv/vocab/")
WDT = Namespace("http://www.wikidata.org/prop/direct/")
GEONAMES = Namespace("https://sws.geonames.org/")

ONTOLOGY_IRI = "https://w3id.org/dngraph/ontology"
# Entailments computed from ontology + data live in a graph of their own, so
# asserted facts and inferred ones never mix.
INFERRED_GRAPH = "https://w3id.org/dngraph/graph/inferred"
# An external dump joined by ``dngraph link`` lives in LINKED_GRAPH + its name.
LINKED_GRAPH = "https://w3id.org/dngraph/graph/linked/"
# On a remote SPARQL engine (``dngraph push``): the RDF merge of every asserted graph, which
# the embedded store keeps as its default graph; the SHACL shapes; and the prefix of the
# Skolem IRIs (RDF 1.1 Concepts, section 3.5) that stand for blank nodes there.
MERGED_GRAPH = "https://w3id.org/dngraph/graph/merged"
SHAPES_GRAPH = "https://w3id.org/dngraph/graph/shapes"
GENID = "https://w3id.org/dngraph/.well-known/genid/"
# The dataset the VoID/DCAT description describes, and the external ones it links to.
DATASET_IRI = "https://w3id.org/dngraph/dataset"
WIKIDATA_DATASET = "http://www.wikidata.org/"
GEONAMES_DATASET = "https://www.geonames.org/"
PUBLISHER_IRI = "https://w3id.org/dngraph/id/organization/dngraph-maintainers"
# Where the files of release {version} are published (`dngraph release`).
RELEASE_BASE = "https://w3id.org/dngraph/release/"

PREFIXES = {
    "dn": DN, "id": ID, "org": ORG, "time": TIME, "skos": SKOS, "dcterms": DCTERMS,
    "foaf": FOAF, "schema": SCHEMA, "prov": PROV, "owl": OWL, "rdf": RDF,
    "rdfs": RDFS, "xsd": XSD, "sh": SH, "wd": WD, "sssom": SSSOM, "semapv": SEMAPV,
}


def shorten(iri: str) -> str:
    """``https://w3id.org/dngraph/ontology#Nation`` -> ``dn:Nation``; unknown IRIs stay whole."""
    best = max((ns for ns in PREFIXES.values() if iri.startswith(ns)), key=len, default=None)
    if best is None:
        return iri
    local = iri[len(best):]
    if not local or "/" in local or "#" in local:
        return iri
    prefix = next(p for p, ns in PREFIXES.items() if ns == best)
    return f"{prefix}:{local}"

# For the SPARQL endpoint's service description and the pages of `dngraph serve`.
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
# The site's root: an IRI under it is served at the same path by `dngraph serve`.
SITE = "https://w3id.org/dngraph/"
# ISO's Online Browsing Platform page for a country code (append the alpha-2 code).
ISO_3166_PAGE = "https://www.iso.org/obp/ui/#iso:code:3166:"
