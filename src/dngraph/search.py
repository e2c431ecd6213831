"""Search things by label, as a person types: English and French labels, accents and
case ignored, ranked exact match first, then labels that start with the text, then labels
with a word that starts with it, then labels that contain it anywhere.

    >>> fold("Israël (l')")
    "israel (l')"
"""

from __future__ import annotations

import unicodedata
import weakref
from dataclasses import dataclass
from pathlib import Path

RANKS = ("exact", "prefix", "word", "contains")
_INDEXES: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def fold(text: str) -> str:
    """``text`` without accents, in case-folded form, with runs of spaces made one."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


@dataclass(frozen=True)
class Hit:
    """A thing whose label matched: its IRI, the label that matched (and its language)
    and how well (an index into :data:`RANKS`)."""

    iri: str
    label: str
    lang: str
    rank: int

    @property
    def match(self) -> str:
        return RANKS[self.rank]


class LabelIndex:
    """Every label of every thing, folded once, searched in memory."""

    def __init__(self, labels):
        self.entries = [(iri, label, lang, fold(label)) for iri, label, lang in labels]

    def search(self, text: str, limit: int = 20) -> list[Hit]:
        wanted = fold(text)
        if not wanted:
            return []
        best: dict[str, Hit] = {}
        for iri, label, lang, folded in self.entries:
            rank = _rank(wanted, folded)
            if rank is None:
                continue
            hit = Hit(iri, label, lang, rank)
            if iri not in best or _order(hit) < _order(best[iri]):
                best[iri] = hit
        return sorted(best.values(), key=_order)[:limit]


def _rank(wanted: str, folded: str) -> int | None:
    if folded == wanted:
        return 0
    if folded.startswith(wanted):
        return 1
    if any(word.startswith(wanted) for word in folded.split()):
        return 2
    if wanted in folded:
        return 3
    return None


def _order(hit: Hit):
    # Better match first; then shorter labels (closer to the text), English before French.
    return (hit.rank, len(hit.label), hit.lang not in ("en", ""), hit.label.casefold(), hit.iri)


def label_index(kg) -> LabelIndex:
    """The label index of ``kg``, built on first use and kept while ``kg`` lives."""
    if kg not in _INDEXES:
        text = (Path(__file__).parent / "sparql" / "pages" / "search-labels.rq").read_text(encoding="utf-8")
        rows = kg.raw_query(text)
        _INDEXES[kg] = LabelIndex(
            (row["thing"].value, row["label"].value, row["label"].language or "") for row in rows)
    return _INDEXES[kg]
