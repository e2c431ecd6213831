"""Pages people read (``dngraph serve``): the methods of :class:`dngraph.api.KnowledgeGraph`
that :class:`Pages` holds.
"""

from __future__ import annotations


class Pages:
    """Search by label, everything about one thing, and the documented vocabulary."""

    def search(self, text: str, limit: int = 20) -> list:
        """Things whose English or French label matches ``text``, best first (:mod:`dngraph.search`)."""
        from .search import label_index

        return label_index(self).search(text, limit)

    def about(self, iri: str, langs=("en",)):
        """Every statement about ``iri`` and pointing to it, with labels and sources
        (:class:`dngraph.about.About`); None when no graph mentions it."""
        from .about import describe

        return describe(self, iri, tuple(langs))

    def thing_graph(self, iri: str) -> list:
        """The asserted triples about ``iri``, for its Turtle and JSON-LD views."""
        from .about import thing_graph

        return thing_graph(self, iri)

    def vocabulary(self, langs=("en",)) -> list:
        """The ontology's classes and properties, documented (:class:`dngraph.vocabulary.Term`)."""
        from .vocabulary import ontology_terms

        return ontology_terms(self, tuple(langs))

    def instances(self, cls: str) -> list[tuple[str, str]]:
        """(IRI, label) of every thing of the class ``cls`` (a full IRI), by label."""
        from .vocabulary import instances

        return instances(self, cls)
