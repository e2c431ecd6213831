"""Compaction (JSON-LD 1.1 API, section 6.1) of the node objects an export makes from
RDF, done directly for the shapes those nodes have and the context features used.

The input is pyld's RDF to JSON-LD conversion (section 8.4) with the blank nodes
nested (:func:`dngraph.jsonld.nest_blank_nodes`): node objects holding ``@id``,
``@type`` (a list of IRIs) and properties whose values are node references
``{"@id"}``, nested node objects without ``@id``, and value objects ``{"@value"}``
(a string or a native integer), ``{"@value", "@type"}`` or ``{"@value", "@language"}``.

pyld's general algorithm re-reads the context for every value. Here every choice
that depends on the context is made once and kept: the term of a property for one
kind of value (IRI Compaction, section 6.2, by the memoizing processor of
:mod:`dngraph.jsonldproc`), and the compact form of each IRI. Walking the nodes then
costs a few dictionary look-ups a value, and the result is the same dictionary.

:func:`compactor` returns None for a context that uses anything the walk does not
reproduce exactly (a default language or direction, scoped contexts, ``@nest``,
``@index``, ``@id``, ``@type``, ``@graph`` or ``@list`` containers, ``@type: @none``
or ``@json``, aliases of keywords other than ``@id`` and ``@type``), and
:meth:`Compactor.document` returns None for input of any other shape (``@list``
values from RDF collections, JSON literals): pyld then compacts as before.
"""

from __future__ import annotations

import re

from pyld.iri_resolver import resolve
from pyld.jsonld import ContextResolver, JsonLdError, _resolved_context_cache

from . import jsonldproc

_MAPPING_KEYS = {"@id", "reverse", "protected", "_prefix", "_term_has_colon", "@type", "@container", "@language"}
_CONTAINERS = {"@language", "@set"}
_KEYWORDS_KEPT = ("@value", "@language", "@graph", "@none")  # keywords that must not be aliased
# A base of the form scheme://authority/path/ (no port, user, query or fragment), and
# the last path segments whose relative form is the segment itself (see _relative).
_SEGMENT = r"[A-Za-z0-9_~-][A-Za-z0-9_.~-]*"
_PLAIN_PATH = re.compile(f"{_SEGMENT}(/{_SEGMENT})*")
_PLAIN_BASE = re.compile(f"[a-z][a-z0-9+.-]*://[A-Za-z0-9.-]+(/{_SEGMENT})*/")


class _Unsupported(Exception):
    """Input of a shape the direct walk does not compact."""


def compactor(context, options: dict):
    """A :class:`Compactor` for the local context ``context`` (the value of ``@context``),
    or None when pyld must compact with it."""
    if not isinstance(context, dict) or not context:
        return None
    proc = jsonldproc.Processor(None)
    options = dict(options, base="", processingMode="json-ld-1.1")
    options["contextResolver"] = ContextResolver(_resolved_context_cache, options["documentLoader"])
    try:
        active = proc.process_context(proc._get_initial_context(options), {"@context": context}, options)
    except JsonLdError:
        return None  # pyld reports the error
    if any(key in active for key in ("@language", "@direction", "previousContext")):
        return None
    for term, mapping in active["mappings"].items():
        if mapping is None:
            continue
        if not set(mapping) <= _MAPPING_KEYS or not set(mapping.get("@container", ())) <= _CONTAINERS:
            return None
        if mapping.get("@type") in ("@none", "@json"):
            return None
        iri = mapping.get("@id")
        if isinstance(iri, str) and iri.startswith("@") and (
                iri not in ("@id", "@type") or set(mapping) - {"@id", "reverse", "protected", "_prefix", "_term_has_colon"}):
            return None
    return Compactor(proc, active)


class Compactor:
    """Compaction of RDF-shaped node objects with one active context."""

    def __init__(self, proc, active):
        self.proc, self.ctx, self.mappings = proc, active, active["mappings"]
        self.id_key = proc._compact_iri(active, "@id")
        self.type_key = proc._compact_iri(active, "@type")
        self.graph_key = proc._compact_iri(active, "@graph")
        if any(proc._compact_iri(active, keyword) != keyword for keyword in _KEYWORDS_KEPT):
            raise ValueError("keyword aliases are checked by compactor()")
        self.terms: dict = {}  # (property IRI, kind of value...) -> (term, its type, its language, container)
        self.ids: dict = {}  # IRI -> its compact form as an @id (vocab=False)
        self.vocab: dict = {}  # IRI -> its compact form relative to the vocabulary (vocab=True)
        inverse = proc._get_inverse_context(active)
        # the properties with a term typed @vocab, where term selection depends on the
        # node referred to (_select_term: @vocab first when its @id compacts to a term)
        self.vocab_typed = {iri for iri, entry in inverse.items()
                            if not iri.startswith("@") and any("@vocab" in by["@type"] for by in entry.values())}
        self.base = self._plain_base(active)

    def _plain_base(self, active):
        """The base IRIs are made relative to, when the shortcut of :meth:`_relative` holds
        for it: no term's IRI starts it or starts with it (no CURIE could be preferred)
        and its scheme is not a term (no IRI would be confused with a compact IRI)."""
        base = active.get("@base")
        if not isinstance(base, str):
            return None
        base = resolve(base, "")
        if not _PLAIN_BASE.fullmatch(base) or base.split(":")[0] in self.mappings:
            return None
        for mapping in self.mappings.values():
            iri = mapping and mapping.get("@id")
            if isinstance(iri, str) and (base.startswith(iri) or iri.startswith(base)):
                return None
        return base

    def document(self, nodes: list, context: dict):
        """What ``jsonld.compact(nodes, {"@context": context})`` returns, or None when the
        nodes are of a shape left to pyld."""
        try:
            graph = [self._node(node) for node in nodes]
        except (_Unsupported, JsonLdError):
            return None
        # compact(): one node is the document itself, several are its @graph
        if len(graph) == 1:
            return {"@context": context, **graph[0]}
        return {"@context": context, self.graph_key: graph} if graph else {"@context": context}

    def _node(self, element: dict) -> dict:
        out: dict = {}
        for key in sorted(element):
            values = element[key]
            if key == "@id":
                out[self.id_key] = self._id(values)
            elif key == "@type":
                types = [self._vocab(iri) for iri in values]
                out[self.type_key] = types[0] if len(types) == 1 else types
            elif key[0] == "@":
                raise _Unsupported(key)
            else:
                for item in values:
                    self._add(out, key, item)
        return out

    def _add(self, out: dict, iri: str, item: dict) -> None:
        """One value of the property ``iri``, compacted and added to ``out`` (section 6.1.2,
        steps 12.8.2 to 12.8.9, for the containers allowed)."""
        term, type_, language, language_map, as_array = self._term(iri, item)
        if "@id" in item:
            ref = item["@id"]
            # Value Compaction (section 6.5) of a node reference: a string where the
            # term is typed @id or @vocab, else an object with the IRI alone
            value = self._vocab(ref) if type_ == "@vocab" else self._id(ref)
            if type_ != "@id" and type_ != "@vocab":
                value = {self.id_key: value}
        elif "@value" in item:
            # section 6.5 steps 4 to 6: the bare value where the term's type or language
            # is the value's, or where the value has neither (there is no default language);
            # else the value object with its type compacted as a vocabulary IRI
            value = item["@value"]
            if "@type" in item:
                if item["@type"] != type_:
                    value = {self.type_key: self._vocab(item["@type"]), "@value": value}
            elif "@language" in item and item["@language"] != language:
                value = {"@language": item["@language"], "@value": value}
        else:
            value = self._node(item)
        if language_map:
            # a language map (section 6.1.2 step 12.8.9): keyed by the expanded value's
            # language, or @none, holding the bare value of a value object
            out = out.setdefault(term, {})
            if isinstance(value, dict) and "@value" in value:
                value = value["@value"]
            term = item.get("@language") or "@none"
        # JsonLdProcessor.add_value: a second value makes a list; @set always has one
        if term in out:
            if type(out[term]) is list:
                out[term].append(value)
            else:
                out[term] = [out[term], value]
        else:
            out[term] = [value] if as_array else value

    def _term(self, iri: str, item: dict) -> tuple:
        """The term for the value ``item`` of ``iri``, with its type and language mappings,
        whether it makes a language map and whether its values are always a list.

        What term selection (section 4.1.3) reads of a value is its kind, its language
        or type, and for a reference, whether the node referred to compacts to a term
        standing for it; that matters only where a term for ``iri`` is typed @vocab."""
        if "@id" in item:
            if len(item) != 1:
                raise _Unsupported("@id")
            key = (iri, "@id", iri in self.vocab_typed and self._names_term(item["@id"]))
        elif "@value" in item:
            key = (iri,) + _value_kind(item)
        else:
            key = (iri, "node")
        found = self.terms.get(key)
        if found is None:
            term = self.proc._compact_iri(self.ctx, iri, item, vocab=True)
            mapping = self.mappings.get(term) or {}
            containers = mapping.get("@container", ())
            found = self.terms[key] = (term, mapping.get("@type"), mapping.get("@language"),
                                       "@language" in containers, "@set" in containers)
        return found

    def _names_term(self, ref: str) -> bool:
        term = self._vocab(ref)
        mapping = self.mappings.get(term)
        return bool(term is not None and mapping and mapping["@id"] == ref)

    def _vocab(self, iri: str) -> str:
        """IRI Compaction of ``iri`` with ``vocab`` true: a term, a @vocab suffix, a compact IRI."""
        found = self.vocab.get(iri)
        if found is None:
            found = self.vocab[iri] = self.proc._compact_iri(self.ctx, iri, vocab=True)
        return found

    def _id(self, iri: str) -> str:
        """IRI Compaction of ``iri`` as an ``@id``: a compact IRI, or relative to the base."""
        found = self.ids.get(iri)
        if found is None:
            found = self.ids[iri] = self._relative(iri) or self.proc._compact_iri(self.ctx, iri, vocab=False, base="")
        return found

    def _relative(self, iri: str):
        """``iri`` relative to a plain base it starts, where the rest is one path segment
        without dots at its start and nothing to escape: pyld's ``unresolve`` finds
        every segment of the base in ``iri`` and keeps the last segment alone."""
        if self.base is not None and iri.startswith(self.base):
            rest = iri[len(self.base):]
            if _PLAIN_PATH.fullmatch(rest):
                return rest
        return None


def _value_kind(item: dict) -> tuple:
    """What term selection reads of a value object; other value objects are unsupported."""
    value = item["@value"]
    if len(item) == 1 and (type(value) is str or type(value) is int):
        return ("@null",)  # a plain string or a native integer: no type, no language
    if len(item) == 2 and type(value) is str:
        if "@language" in item:
            return ("@language", item["@language"])
        if "@type" in item and item["@type"] != "@json":
            return ("@type", item["@type"])
    raise _Unsupported(item)
