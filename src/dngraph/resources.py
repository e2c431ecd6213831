"""Where the ontology, shapes, data and saved queries live.

An installed wheel carries them under ``dngraph/_bundled``; a source checkout
(including an editable install) keeps them at the top of the repository.
"""

from __future__ import annotations

import os
from collections import namedtuple
from pathlib import Path

from .errors import InternalError

_PACKAGE_DIR = Path(__file__).resolve().parent
# The SPARQL the library itself runs: one home, inside the package, whatever the root.
SPARQL_DIR = _PACKAGE_DIR / "sparql"


def default_root() -> Path:
    """The folder holding ``ontology/``, ``data/`` and ``queries/``."""
    env = os.environ.get("DNGRAPH_HOME")
    if env:
        return Path(env)
    bundled = _PACKAGE_DIR / "_bundled"
    if (bundled / "ontology").is_dir():
        return bundled
    return _PACKAGE_DIR.parent.parent


class Layout(namedtuple("Layout", "root")):
    """The files of one knowledge graph under ``root``: an ontology, shapes, data and queries.
    A named tuple, so a warm query does without the import of dataclasses."""

    __slots__ = ()

    @property
    def ontology(self) -> Path:
        return self.root / "ontology" / "dngraph.ttl"

    @property
    def shapes(self) -> Path:
        return self.root / "ontology" / "shapes.ttl"

    @property
    def context(self) -> Path:
        return self.root / "ontology" / "context.jsonld"

    @property
    def frames(self) -> Path:
        return self.root / "ontology" / "frames"

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def queries(self) -> Path:
        return self.root / "queries"

    def data_files(self) -> list[Path]:
        """Every Turtle file under ``data/``, in a stable order."""
        return sorted(self.data.rglob("*.ttl"))


def library_query(name: str) -> str:
    """The text of ``{name}.rq`` from the package's own SPARQL folder.

    A missing or unreadable file means the installation is broken: an
    :class:`InternalError` naming it.
    """
    path = SPARQL_DIR / f"{name}.rq"
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or exc
        raise InternalError(f"{path}: library query cannot be read ({reason}); reinstall dngraph") from None


def cache_dir() -> Path:
    """Where built graphs are cached: ``$DNGRAPH_CACHE``, else the user cache folder."""
    env = os.environ.get("DNGRAPH_CACHE")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "dngraph"
