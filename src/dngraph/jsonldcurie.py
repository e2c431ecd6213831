"""IRI Compaction (JSON-LD 1.1 API, section 6.2) where no term and no ``@vocab`` fits:
the shortest usable compact IRI, else the IRI (relative to the base, for an ``@id``).

pyld (``JsonLdProcessor._compact_iri``) tries every term of the context as a prefix
of each IRI. :class:`Prefixes` indexes the terms by their IRI once per context, so
only the terms whose IRI starts the given one are tried; the choice (the shortest
compact IRI, then the first in code point order), the check that an IRI is not
mistaken for a compact IRI and the relative IRI are pyld's, so the answer is too.
"""

from __future__ import annotations

import re

from pyld.iri_resolver import resolve, unresolve

# A base of the form scheme://authority/path/ (no port, user, query or fragment), and
# the paths after it whose relative form is the path itself (see relative()).
_SEGMENT = r"[A-Za-z0-9_~-][A-Za-z0-9_.~-]*"
_PLAIN_PATH = re.compile(f"{_SEGMENT}(/{_SEGMENT})*")
_PLAIN_BASE = re.compile(f"[a-z][a-z0-9+.-]*://[A-Za-z0-9.-]+(/{_SEGMENT})*/")


class Prefixes:
    """The terms of ``active_ctx`` that can start a compact IRI, by the IRI they stand for."""

    def __init__(self, active_ctx):
        self.ctx = active_ctx
        self.mappings = active_ctx["mappings"]
        self.by_iri: dict = {}
        self.prefix_terms: set = set()
        self.usable = True  # False: a case the index does not cover; pyld answers
        self.bases: dict = {}  # base -> the context's @base resolved against it
        for term, definition in self.mappings.items():
            if definition and definition.get("_prefix"):
                self.prefix_terms.add(term)
                self.usable &= ":" not in term
            if ":" in term or definition is None or not definition.get("@id"):
                continue
            if not isinstance(definition["@id"], str):
                self.usable = False
                continue
            self.by_iri.setdefault(definition["@id"], []).append(term)
        self.lengths = sorted({len(iri) for iri in self.by_iri})

    def compact(self, iri: str, value, base, vocab: bool):
        """What pyld's ``_compact_iri(active_ctx, iri, value, vocab, base)`` returns for an IRI
        that is not a keyword, where no term was chosen for it and the context has no
        ``@vocab``; None where pyld must answer (it may raise an error)."""
        if not self.usable:
            return None
        candidate = None
        for length in self.lengths:
            if length >= len(iri):
                break
            for term in self.by_iri.get(iri[:length], ()):
                curie = term + ":" + iri[length:]
                usable = (self.mappings[term]["_prefix"] and curie not in self.mappings) or (
                    value is None and self.mappings.get(curie, {}).get("@id") == iri)
                if usable and (candidate is None or (len(curie), curie) < (len(candidate), candidate)):
                    candidate = curie
        if candidate is not None:
            return candidate
        if ":" in iri and iri[:iri.index(":")] in self.prefix_terms:
            return None  # pyld raises "IRI confused with prefix"
        if vocab:
            return iri
        if "@base" in self.ctx:
            if self.ctx["@base"] is None:
                return iri
            if base not in self.bases:
                self.bases[base] = resolve(self.ctx["@base"], base)
            return unresolve(iri, self.bases[base])
        return unresolve(iri, base)


def plain_base(active_ctx):
    """The context's ``@base`` (resolved as pyld resolves it against an empty base) where
    :func:`relative` may shorten IRIs against it: a plain base that no term's IRI starts
    or starts with (no compact IRI could be chosen instead), whose scheme is not a term
    (no IRI under it is confused with a compact IRI); else None."""
    base = active_ctx.get("@base")
    if not isinstance(base, str):
        return None
    base = resolve(base, "")
    mappings = active_ctx["mappings"]
    if not _PLAIN_BASE.fullmatch(base) or base.split(":")[0] in mappings:
        return None
    for definition in mappings.values():
        iri = definition and definition.get("@id")
        if isinstance(iri, str) and (base.startswith(iri) or iri.startswith(base)):
            return None
        if not isinstance(iri, str) and iri is not None:
            return None
    return base


def relative(iri: str, base):
    """``iri`` as an ``@id`` relative to ``base`` (from :func:`plain_base`), where it is
    the base followed by plain path segments, none of them empty, ``.`` or ``..``:
    pyld's ``unresolve`` then matches every segment of the base and keeps the rest as
    it is (RFC 3986, section 5.2.4 leaves such segments alone). None elsewhere."""
    if base is not None and iri.startswith(base):
        rest = iri[len(base):]
        if _PLAIN_PATH.fullmatch(rest):
            return rest
    return None
