"""The direct compaction of :mod:`dngraph.jsonldfast`: RDF-shaped node objects walked
once, each choice that depends on the context made once and kept.

:class:`Compactor` keeps the term chosen for a property and one kind of value (IRI
Compaction, JSON-LD 1.1 API section 6.2, asked of the memoizing processor of
:mod:`dngraph.jsonldproc`, so the choice is pyld's), the compact form of each IRI
(:mod:`dngraph.jsonldcurie` where an IRI is plainly relative to the base), and
writes each value as Compaction (section 6.1.2) and Value Compaction (section 6.5)
would for the context features :func:`dngraph.jsonldfast.compactor` lets through.
Input of another shape raises :class:`Unsupported`.
"""

from __future__ import annotations

from pyld.jsonld import JsonLdError

from .jsonldcurie import plain_base, relative
from .namespaces import XSD

_INTEGER = XSD.integer


class Unsupported(Exception):
    """Input of a shape the direct walk does not compact."""


class Compactor:
    """Compaction of RDF-shaped node objects with one active context."""

    def __init__(self, proc, active):
        self.proc, self.ctx, self.mappings = proc, active, active["mappings"]
        self.id_key = proc._compact_iri(active, "@id")
        self.type_key = proc._compact_iri(active, "@type")
        self.graph_key = proc._compact_iri(active, "@graph")
        self.terms: dict = {}  # (property IRI, kind of value...) -> (term, its type, its language, container)
        self.ids: dict = {}  # IRI -> its compact form as an @id (vocab=False)
        self.vocab: dict = {}  # IRI -> its compact form relative to the vocabulary (vocab=True)
        inverse = proc._get_inverse_context(active)
        # the properties with a term typed @vocab, where term selection depends on the
        # node referred to (_select_term: @vocab first when its @id compacts to a term)
        self.vocab_typed = {iri for iri, entry in inverse.items()
                            if not iri.startswith("@") and any("@vocab" in by["@type"] for by in entry.values())}
        self.base = plain_base(active)

    def document(self, nodes: list, context: dict):
        """What ``jsonld.compact(nodes, {"@context": context})`` returns, or None when the
        nodes are of a shape left to pyld."""
        try:
            graph = [self._node(node) for node in nodes]
        except (Unsupported, JsonLdError):
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
                raise Unsupported(key)
            else:
                for item in values:
                    self._add(out, key, item)
        return out

    def _add(self, out: dict, iri: str, item: dict) -> None:
        """One value of the property ``iri``, compacted and added to ``out`` (section 6.1.2,
        steps 12.8.2 to 12.8.9, for the containers allowed)."""
        if item.get("@type") == _INTEGER:
            number = canonical_integer(item["@value"])
            if number is not None:  # as dngraph.jsonldfast.native_integers makes it
                item = {"@value": number}
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
                raise Unsupported("@id")
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
            found = self.ids[iri] = relative(iri, self.base) or self.proc._compact_iri(self.ctx, iri, vocab=False, base="")
        return found


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
    raise Unsupported(item)


def canonical_integer(text):
    """The integer an ``xsd:integer`` lexical form in canonical form stands for, else None."""
    if isinstance(text, str) and text.lstrip("-").isdigit() and str(int(text)) == text:
        return int(text)
    return None
