"""Compaction (JSON-LD 1.1 API, section 6.1) of the node objects an export makes from
RDF: directly where the context and the nodes allow, else by pyld.

The input is pyld's RDF to JSON-LD conversion (section 8.4) with the blank nodes
nested (:func:`dngraph.jsonld.nest_blank_nodes`): node objects holding ``@id``,
``@type`` (a list of IRIs) and properties whose values are node references
``{"@id"}``, nested node objects without ``@id``, and value objects ``{"@value"}``,
``{"@value", "@type"}`` or ``{"@value", "@language"}``. ``xsd:integer`` values in
canonical form become JSON numbers (:func:`native_integers`).

pyld's general algorithm reads the context again for every value; the walk of
:mod:`dngraph.jsonldwalk` makes each choice once and gives the same document.
:func:`compactor` decides once a context whether the walk reproduces pyld for it:
not where the context has a default language or direction, scoped contexts,
``@nest``, ``@index``, ``@id``, ``@type``, ``@graph`` or ``@list`` containers,
``@type: @none`` or ``@json``, or aliases of keywords other than ``@id`` and
``@type``. Nor for input of another shape (``@list`` values from RDF collections,
JSON literals). pyld then compacts as before.
"""

from __future__ import annotations

from .jsonldwalk import canonical_integer
from .namespaces import XSD

_INTEGER = XSD.integer
_MAPPING_KEYS = {"@id", "reverse", "protected", "_prefix", "_term_has_colon", "@type", "@container", "@language"}
_ALIAS_KEYS = {"@id", "reverse", "protected", "_prefix", "_term_has_colon"}
_CONTAINERS = {"@language", "@set"}


def compact(nodes: list, context, options: dict) -> dict:
    """``jsonld.compact`` of the RDF-shaped ``nodes`` with ``{"@context": context}``."""
    from . import jsonldproc

    walk = compactor(context, options)
    document = walk.document(nodes, context) if walk is not None else None
    if document is None:
        document = jsonldproc.compact(native_integers(nodes), {"@context": context}, options)
    return document


def compactor(context, options: dict):
    """A :class:`dngraph.jsonldwalk.Compactor` for the local context ``context`` (the
    value of ``@context``), or None where pyld must compact with it."""
    from pyld.jsonld import ContextResolver, JsonLdError, _resolved_context_cache

    from .jsonldproc import Processor
    from .jsonldwalk import Compactor

    if not isinstance(context, dict) or not context:
        return None
    proc = Processor(None)
    options = dict(options, base="", processingMode="json-ld-1.1")
    options["contextResolver"] = ContextResolver(_resolved_context_cache, options["documentLoader"])
    try:
        active = proc.process_context(proc._get_initial_context(options), {"@context": context}, options)
    except JsonLdError:
        return None  # pyld reports the error
    if any(key in active for key in ("@language", "@direction", "previousContext")):
        return None
    for mapping in active["mappings"].values():
        if mapping is None:
            continue
        if not set(mapping) <= _MAPPING_KEYS or not set(mapping.get("@container", ())) <= _CONTAINERS:
            return None
        if mapping.get("@type") in ("@none", "@json"):
            return None
        iri = mapping.get("@id")  # a keyword alias: of @id or @type only, and nothing more
        if isinstance(iri, str) and iri.startswith("@") and (iri not in ("@id", "@type") or set(mapping) - _ALIAS_KEYS):
            return None
    return Compactor(proc, active)


def native_integers(value):
    """``xsd:integer`` values in canonical form become JSON numbers; every other typed
    value keeps its lexical form, so a double such as ``"1.0"`` does not come back as
    an integer (JSON-LD 1.1 API, section 8.6: an integral JSON number is ``xsd:integer``).
    Lists and objects are changed in place (the value is pyld's fresh output)."""
    if isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, (list, dict)):
                value[i] = native_integers(item)
        return value
    if not isinstance(value, dict):
        return value
    if value.get("@type") == _INTEGER:
        number = canonical_integer(value.get("@value"))
        if number is not None:
            return {"@value": number}
    for key, item in value.items():
        if isinstance(item, (list, dict)):
            value[key] = native_integers(item)
    return value
