"""Linked dumps and pushing to a SPARQL server: the methods of
:class:`dngraph.api.KnowledgeGraph` that :class:`LinkedDumps` holds.
"""

from __future__ import annotations

from pathlib import Path


class LinkedDumps:
    """External dumps joined beside the built graph (:mod:`dngraph.link`), and the push of the
    built graph to a remote engine (:mod:`dngraph.push`)."""

    @property
    def linked_root(self) -> Path:
        """Where linked dumps are kept: ``linked/`` in the cache folder, beside the built stores."""
        from .resources import cache_dir

        return (self.cache_dir or cache_dir()) / "linked"

    def linked(self) -> dict:
        """The linked dumps by name: their graph, source file and triple count."""
        from .linked import read_manifest

        return read_manifest(self.linked_root)["graphs"]

    def link(self, path, name: str | None = None, progress=None):
        """Join the dump at ``path`` to the graph as ``graph/linked/{name}``: a
        :class:`dngraph.link.LinkReport`. ``progress(done, total)`` is called as bytes are read."""
        from .link import link_dump

        return link_dump(self, path, name, progress)

    def unlink(self, name: str) -> int:
        """Drop the linked dump ``name``; returns how many triples it held."""
        from .linked import forget

        self.release()
        return forget(self.linked_root, name)

    # -- remote engines ------------------------------------------------------
    def push(self, endpoint: str | None = None, graph_store: str | None = None, auth=None,
             chunk: int | None = None, progress=None):
        """Load the built graph into a SPARQL server through the Graph Store Protocol, each
        graph replaced whole: a :class:`dngraph.push.PushReport` with the server's count per
        graph. ``endpoint`` is the query URL (default: that of this remote graph), ``auth`` as in
        :func:`dngraph.open`; ``progress(done, total)`` is called after each chunk of ``chunk`` triples."""
        from .push import CHUNK, push
        from .remoteconfig import endpoint_of

        target = (endpoint_of(endpoint, graph_store=graph_store, auth=auth) if endpoint
                  else getattr(self, "endpoint", None))
        if target is None:
            from .errors import ParameterError

            raise ParameterError("push: give the endpoint to push to")
        return push(self, target, chunk or CHUNK, progress)
