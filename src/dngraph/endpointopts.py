"""The options that point a ``dngraph`` command at a remote SPARQL server.

``@endpoint_options`` goes under ``@graph_options``: when ``--endpoint`` (or
``$DNGRAPH_ENDPOINT``, or the config file of :mod:`dngraph.remoteconfig`) names a
server, the command gets a :class:`dngraph.remote.RemoteGraph` of the same layout
instead of the embedded graph. Credentials are read from the options, the
environment or the file, and never shown.
"""

from __future__ import annotations

import functools

import click

# The schemes dngraph.endpoint.AUTH_SCHEMES names, spelled out so that every command's
# options load without the HTTP layer (a test holds the two equal).
_AUTH_SCHEMES = ("basic", "digest")

_QUERY_OPTIONS = [
    click.option("--endpoint", metavar="URL",
                 help="A SPARQL 1.1 server's query URL: use the graph there (dngraph push loads it) "
                      "instead of the embedded store; default $DNGRAPH_ENDPOINT or the endpoint config file."),
    click.option("--user", metavar="USER", help="User name on the server (default $DNGRAPH_USER)."),
    click.option("--password", metavar="PASSWORD",
                 help="Password on the server; $DNGRAPH_PASSWORD keeps it off the command line."),
    click.option("--auth", type=click.Choice(_AUTH_SCHEMES),
                 help="HTTP authentication scheme (default: whichever the server asks for)."),
]
_WRITE_OPTIONS = [
    click.option("--graph-store", metavar="URL",
                 help="The Graph Store Protocol URL (default: told from the endpoint for the oxigraph server "
                      "(/query -> /store) and Virtuoso (/sparql -> /sparql-graph-crud-auth))."),
    click.option("--update-endpoint", metavar="URL",
                 help="Write through this SPARQL 1.1 Update URL instead, when no --graph-store is given."),
]


def endpoint_options(func=None, *, graph_store: bool = False):
    """--endpoint, --user, --password, --auth (and --graph-store, --update-endpoint when ``graph_store``): the
    command's ``kg`` becomes the remote graph when a server is named."""
    if func is None:
        return functools.partial(endpoint_options, graph_store=graph_store)

    @functools.wraps(func)
    def wrapper(*args, kg, endpoint=None, user=None, password=None, auth=None, graph_store=None,
                update_endpoint=None, **kwargs):
        from .remoteconfig import configured

        target = configured(url=endpoint, graph_store=graph_store, update_url=update_endpoint,
                            user=user, password=password, auth=auth)
        if target is not None:
            from .remote import RemoteGraph  # only for a server: a local command does without it

            kg = RemoteGraph(target, kg.layout.root, kg.cache_dir, kg.reasoner)
        return func(*args, kg=kg, **kwargs)

    options = _QUERY_OPTIONS + (_WRITE_OPTIONS if graph_store else [])
    for option in reversed(options):
        wrapper = option(wrapper)
    return wrapper
