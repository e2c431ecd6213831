"""The options that point a ``dngraph`` command at a remote SPARQL server.

``@endpoint_options`` goes under ``@graph_options``: when ``--endpoint`` (or
``$DNGRAPH_ENDPOINT``, or the config file of :mod:`dngraph.remoteconfig`) names a
server, the command gets a :class:`dngraph.remote.RemoteGraph` of the same layout
instead of the embedded graph. Credentials are read from the options, the
environment or the file, and never shown.
"""

from __future__ import annotations

import functools

# The schemes dngraph.endpoint.AUTH_SCHEMES names, spelled out so that every command's
# options load without the HTTP layer (a test holds the two equal).
_AUTH_SCHEMES = ("basic", "digest")


def _query_options(click) -> list:
    return [
        click.option("--endpoint", metavar="URL",
                     help="A SPARQL 1.1 server's query URL: use the graph there (dngraph push loads it) "
                          "instead of the embedded store; default $DNGRAPH_ENDPOINT or the endpoint config file."),
        click.option("--user", metavar="USER", help="User name on the server (default $DNGRAPH_USER)."),
        click.option("--password", metavar="PASSWORD",
                     help="Password on the server; $DNGRAPH_PASSWORD keeps it off the command line."),
        click.option("--auth", type=click.Choice(_AUTH_SCHEMES),
                     help="HTTP authentication scheme (default: whichever the server asks for)."),
    ]


def _write_options(click) -> list:
    return [
        click.option("--graph-store", metavar="URL",
                     help="The Graph Store Protocol URL (default: told from the endpoint for the oxigraph server "
                          "(/query -> /store) and Virtuoso (/sparql -> /sparql-graph-crud-auth))."),
        click.option("--update-endpoint", metavar="URL",
                     help="Write through this SPARQL 1.1 Update URL instead, when no --graph-store is given."),
    ]


def endpoint_graph(kg, endpoint=None, user=None, password=None, auth=None, graph_store=None, update_endpoint=None):
    """``kg``, or the remote graph of the same layout when the options, the environment or
    the config file name a server."""
    from .remoteconfig import configured

    target = configured(url=endpoint, graph_store=graph_store, update_url=update_endpoint,
                        user=user, password=password, auth=auth)
    if target is None:
        return kg
    from .remote import RemoteGraph  # only for a server: a local command does without it

    return RemoteGraph(target, kg.layout.root, kg.cache_dir, kg.reasoner)


def endpoint_options(func=None, *, graph_store: bool = False):
    """--endpoint, --user, --password, --auth (and --graph-store, --update-endpoint when ``graph_store``): the
    command's ``kg`` becomes the remote graph when a server is named."""
    if func is None:
        return functools.partial(endpoint_options, graph_store=graph_store)

    import click

    @functools.wraps(func)
    def wrapper(*args, kg, endpoint=None, user=None, password=None, auth=None, graph_store=None,
                update_endpoint=None, **kwargs):
        return func(*args, kg=endpoint_graph(kg, endpoint, user, password, auth, graph_store, update_endpoint),
                    **kwargs)

    options = _query_options(click) + (_write_options(click) if graph_store else [])
    for option in reversed(options):
        wrapper = option(wrapper)
    return wrapper
