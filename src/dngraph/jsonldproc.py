"""pyld's JSON-LD processor, with the work it repeats for every value done once.

Compaction (JSON-LD 1.1 API, section 6.1) picks a term for each property IRI by
IRI Compaction (section 6.2), which reads every term of the context when no term
fits; pyld does it again for every value of every node, so most of an export's
time went there. :meth:`Processor._compact_iri` remembers each answer under what
the algorithm reads of its arguments: the IRI, ``vocab``, ``reverse``, the base,
and of the value only whether it is absent, a value object (its keys, language and
type) or a node object (whether its ``@id`` is itself a term of the context);
values of any other shape (lists, graphs, indexes) are computed as before.

The input the export gives is already expanded (pyld's own RDF to JSON-LD
conversion, section 8.4), so expanding it again before compaction or framing is
skipped: ``skipExpansion`` for compaction, the same input handed back for framing.
"""

from __future__ import annotations

from pyld.jsonld import JsonLdError, JsonLdProcessor

_CONTEXTS = 64  # contexts whose answers are kept at once
_UNCOMMON = ("@preserve", "@graph", "@list", "@index", "@set", "@direction", "@reverse")


class Processor(JsonLdProcessor):
    """A pyld processor for one expanded document ``expanded``."""

    def __init__(self, expanded):
        super().__init__()
        self._expanded = expanded
        self._memo: dict = {}

    def expand(self, input_, options=None):
        if input_ is self._expanded:
            return input_
        return super().expand(input_, options)

    def _compact_iri(self, active_ctx, iri, value=None, vocab=False, base=None, reverse=False):
        shape = self._shape(active_ctx, value, vocab)
        if shape is None:
            return super()._compact_iri(active_ctx, iri, value, vocab, base, reverse)
        # the context is kept with its answers, so its id() is never reused while they are;
        # a context with scoped contexts makes one per node: past _CONTEXTS, all are dropped
        if id(active_ctx) not in self._memo and len(self._memo) >= _CONTEXTS:
            self._memo.clear()
        context, answers = self._memo.setdefault(id(active_ctx), (active_ctx, {}))
        key = (iri, vocab, base, reverse, shape)
        if key not in answers:
            answer = None
            if isinstance(iri, str) and not iri.startswith("@") and (not vocab or (
                    "@vocab" not in active_ctx and iri not in self._get_inverse_context(active_ctx))):
                answer = self._prefixes(active_ctx).compact(iri, value, base, vocab)
            if answer is None:
                answer = super()._compact_iri(active_ctx, iri, value, vocab, base, reverse)
            answers[key] = answer
        return answers[key]

    def _prefixes(self, active_ctx):
        entry = self._memo.setdefault(("prefixes", id(active_ctx)), (active_ctx, None))
        if entry[1] is None:
            from .jsonldcurie import Prefixes

            entry = self._memo[("prefixes", id(active_ctx))] = (active_ctx, Prefixes(active_ctx))
        return entry[1]

    def _shape(self, active_ctx, value, vocab):
        """What IRI Compaction reads of ``value``, or None when it may read more."""
        if value is None:
            return ("none",)
        if not isinstance(value, dict) or any(key in value for key in _UNCOMMON):
            return None
        if "@value" in value:
            return ("value", tuple(sorted(value)), value.get("@language"), value.get("@type"))
        if "@id" not in value:
            return ("node", False)
        ref = value["@id"]
        if not isinstance(ref, str):
            return None
        # _select_term prefers @vocab when the node's @id compacts to a term for that IRI
        try:
            term = self._compact_iri(active_ctx, ref, None, vocab=True)
        except JsonLdError:  # raised where pyld would not have asked: let pyld ask, or not
            return None
        mapping = active_ctx["mappings"].get(term)
        return ("node", True, bool(term is not None and mapping and mapping["@id"] == ref))


def compact(expanded, context: dict, options: dict):
    """``jsonld.compact`` of the expanded document ``expanded``."""
    return Processor(expanded).compact(expanded, context, dict(options, skipExpansion=True))


def frame(expanded, framed: dict, options: dict):
    """``jsonld.frame`` of the expanded document ``expanded``."""
    return Processor(expanded).frame(expanded, framed, options)
