"""HTML pages from Jinja2 templates shipped in the package, every value escaped.

The templates live in ``templates/`` beside this module and the stylesheet in
``static/``; nothing is fetched from elsewhere, so the pages work offline.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from ..namespaces import DN, ID, ISO_3166_PAGE, OWL, SITE, SKOS, WD, shorten

HERE = Path(__file__).parent
ENV = Environment(loader=FileSystemLoader(HERE / "templates"),
                  autoescape=select_autoescape(default=True, default_for_string=True))


def local_href(iri: str) -> str:
    """Where a page links for ``iri``: the same path on this server for the graph's own
    things and ontology terms, the IRI itself for anything else."""
    if iri.startswith(ID) or iri.startswith(SITE + "ontology"):
        return "/" + iri[len(SITE):]
    return iri


def short(iri: str) -> str:
    """``id:nation/ca``, ``dn:Nation``, or the whole IRI."""
    if iri.startswith(ID):
        return "id:" + iri[len(ID):]
    return shorten(iri)


ENV.filters["href"] = local_href
ENV.filters["short"] = short


def render(name: str, **context) -> str:
    return ENV.get_template(name).render(**context)


def outside_links(about) -> list[tuple[str, str]]:
    """(text, URL) for the thing's links to Wikidata and to its ISO 3166 entry."""
    links = []
    for fact in about.facts:
        value = fact.value.value
        if fact.predicate in (SKOS.exactMatch, OWL.sameAs, SKOS.closeMatch) and value.startswith(WD):
            links.append((f"Wikidata {value[len(WD):]}", value))
        if fact.predicate == DN.iso3166Alpha2:
            links.append((f"ISO 3166-1 {value}", ISO_3166_PAGE + value))
    return sorted(set(links))


def languages(header: str | None) -> list[str]:
    """The reader's languages from ``Accept-Language``, best first (RFC 9110, 12.5.4)."""
    found = []
    for position, part in enumerate((header or "").split(",")):
        tag, _, params = part.strip().partition(";")
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                q = 0.0
        if tag and tag != "*" and q > 0:
            found.append((-q, position, tag.lower()))
    return [tag for _, _, tag in sorted(found)] or ["en"]


def param_input(param) -> dict:
    """How the web page's form asks for one saved-query parameter."""
    hints = {"xsd:date": ("YYYY-MM-DD", r"\d{4}-\d{2}-\d{2}"), "xsd:gYear": ("YYYY", r"-?\d{4}"),
             "xsd:integer": ("a whole number", r"[+\-]?\d+"), "language": ("en, fr, ...", r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")}
    placeholder, pattern = hints.get(param.type, (None, None))
    if param.cls:
        placeholder = f"short name or IRI of a {short(param.cls)}"
    return {"name": param.name, "cls": param.cls, "required": param.required, "default": param.default or "",
            "type": param.describe_type(), "doc": param.doc, "placeholder": placeholder or "", "pattern": pattern}
