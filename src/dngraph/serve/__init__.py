"""``dngraph serve``: the graph on the web. A read-only SPARQL 1.1 endpoint, a page for
every thing at its own IRI's path, and a web page for search and the saved queries.

    >>> from dngraph.serve import serve, Settings    # doctest: +SKIP
    >>> serve(dngraph.open(), port=8000, settings=Settings(timeout=10))
"""

from .app import Settings, create_app, serve

__all__ = ["Settings", "create_app", "serve"]
