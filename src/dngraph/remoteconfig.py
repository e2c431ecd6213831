"""Which remote SPARQL server to use, from options, the environment or a small config file.

Each setting is taken from the first place that gives it: the command's option
(or the argument of ``dngraph.open``), then the environment, then the file named
by ``$DNGRAPH_CONFIG`` or ``~/.config/dngraph/endpoint.ini``::

    [endpoint]
    url = http://127.0.0.1:8890/sparql
    graph_store = http://127.0.0.1:8890/sparql-graph-crud-auth
    user = dba
    password = dba
    auth = digest

Environment: ``DNGRAPH_ENDPOINT``, ``DNGRAPH_GRAPH_STORE``, ``DNGRAPH_UPDATE_ENDPOINT``,
``DNGRAPH_USER``, ``DNGRAPH_PASSWORD``, ``DNGRAPH_AUTH``. A password is best kept in
the environment or in the file (readable by its owner only), not on a command line
that other users of the machine can see.
"""

from __future__ import annotations

import os
from pathlib import Path

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing on a local command's way
if TYPE_CHECKING:
    from .endpoint import Endpoint

KEYS = {"url": "DNGRAPH_ENDPOINT", "graph_store": "DNGRAPH_GRAPH_STORE",
        "update_url": "DNGRAPH_UPDATE_ENDPOINT", "user": "DNGRAPH_USER",
        "password": "DNGRAPH_PASSWORD", "auth": "DNGRAPH_AUTH"}


def config_path() -> Path:
    """The config file: ``$DNGRAPH_CONFIG``, or ``endpoint.ini`` in the user's config folder."""
    if os.environ.get("DNGRAPH_CONFIG"):
        return Path(os.environ["DNGRAPH_CONFIG"])
    base = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(base) / "dngraph" / "endpoint.ini"


def _from_file(path: Path) -> dict:
    if not path.is_file():
        return {}
    import configparser  # only when there is a file to read

    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read(path, encoding="utf-8")
    except (configparser.Error, OSError, UnicodeDecodeError) as exc:
        from .endpoint import EndpointError

        raise EndpointError(f"{path}: not a readable endpoint config ({type(exc).__name__})") from None
    if not parser.has_section("endpoint"):
        return {}
    unknown = set(parser["endpoint"]) - set(KEYS)
    if unknown:
        from .endpoint import EndpointError

        raise EndpointError(f"{path}: unknown key {sorted(unknown)[0]!r} in [endpoint]; "
                            f"use {', '.join(KEYS)}")
    return dict(parser["endpoint"])


def configured(**given) -> Endpoint | None:
    """The :class:`Endpoint` the settings name (``url``, ``graph_store``, ``update_url``, ``user``,
    ``password``, ``auth``; None or missing ones are looked up), or None when no URL is set."""
    settings = {key: value for key, value in given.items() if value is not None}
    for key, variable in KEYS.items():
        if key not in settings and os.environ.get(variable):
            settings[key] = os.environ[variable]
    if "url" not in settings and not given.get("url"):
        for key, value in _from_file(config_path()).items():
            settings.setdefault(key, value)
    if not settings.get("url"):
        return None
    from .endpoint import Endpoint  # the HTTP layer, only once a server is named

    return Endpoint(**settings)


def endpoint_of(url: str, update_endpoint: str | None = None, graph_store: str | None = None,
                auth=None) -> Endpoint:
    """The :class:`Endpoint` of ``dngraph.open``'s arguments; ``auth`` is ``(user, password)``
    or ``(user, password, "basic" | "digest")``."""
    from .endpoint import Endpoint, EndpointError

    user = password = scheme = None
    if auth is not None:
        if not isinstance(auth, (tuple, list)) or len(auth) not in (2, 3):
            raise EndpointError("auth: give (user, password) or (user, password, 'basic' or 'digest')")
        user, password, scheme = (*auth, None)[:3]
    return Endpoint(url, graph_store, update_endpoint, user, password, scheme)
