"""Checks, figures, exports, releases, changelogs and reference pages: the methods of
:class:`dngraph.api.KnowledgeGraph` that :class:`Publishing` holds.
"""

from __future__ import annotations

from pathlib import Path


class Publishing:
    """Validation, statistics, pictures, exports, the dataset's description, releases,
    diffs and the ontology's reference pages."""

    def validate(self, engine: str = "fast"):
        """Validate every data file against the shapes: a :class:`ValidationReport`.
        An inconsistency the build found is a violation too (see :mod:`dngraph.clashes`).

        ``engine`` is ``"fast"`` (SHACL Core set by set on the parsed terms, SHACL-SPARQL
        on the built store) or ``"pyshacl"`` (the reference); both give the same results. Unchanged input is answered from
        a report cached beside the built store.
        """
        from .clashes import add_to_report
        from .validate import validate_layout

        report = validate_layout(self.layout, engine=engine, cache=self.cache_dir,
                                 store=lambda: self.base_store)
        return add_to_report(report, self.clashes())

    def stats(self):
        """Triples, things per class and facts per source: a :class:`Stats`."""
        from .stats import compute_stats

        return compute_stats(self)

    def plot(self, kind: str, fmt: str = "svg") -> bytes:
        """The picture ``kind`` (``"timeline"`` or ``"network"``) as SVG or PNG bytes
        (:mod:`dngraph.plot`)."""
        from .plot import render

        return render(self, kind, fmt)

    def export(self, fmt: str = "turtle", graphs=None, sources=(), with_ontology: bool = False,
               frame: str | None = None) -> bytes:
        """The graph as ``fmt`` (turtle, ntriples, nquads, trig, jsonld, rdfxml), byte for
        byte the same for the same files: see :mod:`dngraph.export`.

        >>> kg.export("nquads", graphs="asserted,editorial")   # doctest: +SKIP
        >>> kg.export("jsonld", frame="nation")                 # doctest: +SKIP
        """
        from .export import export

        return export(self, fmt, graphs, sources, with_ontology, frame)

    def describe(self, distributions=None, base_url: str | None = None):
        """The dataset's VoID and DCAT description as an rdflib Graph (:mod:`dngraph.describe`);
        ``distributions`` is a folder of released files to list with their checksums."""
        from .describe import describe

        return describe(self, distributions, base_url)

    def sources(self, iri: str) -> list[str]:
        """The source documents that state something about ``iri``."""
        from .params import iri_term

        result = self.library("sources-of", thing=iri_term(iri, "iri"))
        return [row["g"] for row in result.rows]

    # -- releases, changelogs and reference pages ------------------------------
    def write_release(self, folder, label: str | None = None, base_url: str | None = None) -> list[Path]:
        """Write a release of the graph to ``folder``: every export format, the VoID/DCAT
        description, the linkset and SHA-256 checksums (:mod:`dngraph.release`). (``release()``
        closes the stores.)"""
        from .release import write_release

        return write_release(self, folder, label, base_url)

    def release_quads(self) -> bytes:
        """The N-Quads a release of this graph holds (``dngraph.nq``)."""
        from .release import RELEASED_GRAPHS

        return self.export("nquads", RELEASED_GRAPHS, (), True)

    def diff(self, old: str, new: str, repo: str | Path | None = None):
        """What changed from ``old`` to ``new`` (each a release, project or data folder, or a
        git revision of the git repository ``repo``, by default the current folder, as for git):
        a :class:`dngraph.diff.Diff`. A bare data folder is built with this graph's ontology."""
        import tempfile

        from .api import KnowledgeGraph
        from .diff import diff
        from .snapshot import load_snapshot

        def build(root):
            with tempfile.TemporaryDirectory(prefix="dngraph-diff-cache-") as cache:
                other = KnowledgeGraph(root, cache, self.reasoner)
                try:
                    return other.release_quads()
                finally:
                    other.release()

        repo = Path(repo) if repo else Path.cwd()
        sides = [load_snapshot(spec, repo, self.layout.ontology.parent, build) for spec in (old, new)]
        return diff(sides[0].dataset, sides[1].dataset, old, new)

    def write_docs(self, folder) -> Path:
        """Write the ontology's offline HTML reference to ``folder/index.html`` (:mod:`dngraph.docs`)."""
        from . import __version__
        from .docs import write_docs

        return write_docs(self.layout, folder, __version__)
