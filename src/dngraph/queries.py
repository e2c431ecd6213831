"""Saved queries: one ``.rq`` file each, its metadata in a comment header.

    # title: Member nations
    # description: The nations that are members of the forum.
    # param: on xsd:date optional -- Only memberships that hold on this date.

A parameter is bound to the query variable of the same name as an RDF term,
never spliced into the text: pyoxigraph substitutes the term for the variable
as RDF-dev SEP-0007 describes, which answers as a one-row VALUES block would
(SPARQL 1.1 Query, section 10.2).
"""

from __future__ import annotations

import re
from collections import namedtuple
from pathlib import Path

from .errors import ParameterError, QueryError
from .limits import check_param_size
from .params import Param, parse_param_line

_HEADER = re.compile(r"^#\s*(title|description|param)\s*:\s*(.*)$")
_CONTINUATION = re.compile(r"^#\s{2,}(\S.*)$")


class SavedQuery(namedtuple("SavedQuery", "name title description text path params", defaults=((),))):
    """A named query read from ``queries/{name}.rq``: its ``name``, ``title``, ``description``,
    ``text``, ``path`` and declared ``params``. A named tuple, so a warm query does without
    the import of dataclasses."""

    __slots__ = ()

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)

    def bind(self, values: dict[str, object]) -> dict[str, object]:
        """Check ``values`` against the declared parameters; RDF terms for each one given
        or defaulted. Raises :class:`ParameterError` naming the parameter."""
        unknown = sorted(set(values) - {p.name for p in self.params})
        if unknown:
            known = ", ".join(p.name for p in self.params) or "none"
            raise ParameterError(f"query {self.name!r} has no parameter {unknown[0]!r} (parameters: {known})")
        bound = {}
        for p in self.params:
            raw = values.get(p.name)
            if raw is None:
                if p.required:
                    raise ParameterError(f"query {self.name!r} needs parameter {p.name!r} ({p.describe_type()})")
                if p.default is None:
                    continue
                raw = p.default
            check_param_size(p.name, raw, p.describe_type())
            bound[p.name] = p.to_term(raw)
        return bound


def read_query_text(path: Path) -> str:
    """The text of a query file; a :class:`QueryError` naming it (and the line) if it cannot be read,
    is not a regular file or is over the ``query_bytes`` limit (:mod:`dngraph.inputs`)."""
    from .inputs import input_problem

    problem = input_problem(path, "query_bytes")
    if problem:
        raise QueryError(f"{path}: {problem}")
    try:
        blob = Path(path).read_bytes()
    except IsADirectoryError:
        raise QueryError(f"{path}: is a folder, not a query file") from None
    except OSError as exc:
        raise QueryError(f"{path}: cannot read query: {exc.strerror or exc}") from None
    try:
        return blob.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = blob.count(b"\n", 0, exc.start) + 1
        raise QueryError(f"{path}:{line}: not UTF-8 text (byte {exc.start})") from None


def parse_query_file(path: Path) -> SavedQuery:
    """Read one ``.rq`` file; a malformed header is a :class:`QueryError` naming file and line."""
    text = read_query_text(path)
    meta: dict[str, list[str]] = {"title": [], "description": []}
    params: list[Param] = []
    last = None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        match = _HEADER.match(line)
        if match:
            key, value = match.groups()
            last = key
            if key == "param":
                try:
                    params.append(parse_param_line(value))
                except QueryError as exc:
                    raise QueryError(f"{path}:{number}: {exc}") from None
            else:
                meta[key].append(value.strip())
        elif last == "description" and _CONTINUATION.match(line):
            meta["description"].append(_CONTINUATION.match(line).group(1).strip())
    query = SavedQuery(path.stem, " ".join(meta["title"]) or path.stem,
                       " ".join(meta["description"]), text, path, params)
    _check_projection(query)
    return query


def _check_projection(query: SavedQuery) -> None:
    # pyoxigraph binds only variables that the SELECT projects.
    head = re.search(r"\bSELECT\b(.*?)\bWHERE\b", query.text, re.IGNORECASE | re.DOTALL)
    if not head or "*" in head.group(1).split("#")[0]:
        return
    projected = set(re.findall(r"\?(\w+)", head.group(1)))
    for p in query.params:
        if p.name not in projected:
            raise QueryError(f"{query.path}: parameter {p.name!r} must appear in the SELECT clause as ?{p.name}")


def load_queries(directory: Path) -> tuple[dict[str, SavedQuery], dict[str, QueryError]]:
    """Every saved query in ``directory`` by name, and the error of each file that cannot
    be used, by name: one broken file does not hide the others."""
    queries: dict[str, SavedQuery] = {}
    broken: dict[str, QueryError] = {}
    for path in sorted(Path(directory).glob("*.rq")):
        try:
            queries[path.stem] = _read_saved(directory, path)
        except QueryError as exc:
            broken[path.stem] = exc
    return queries, broken


def _read_saved(directory: Path, path: Path) -> SavedQuery:
    """The saved query in ``path``, a file of ``directory``, if it may be read (:mod:`dngraph.inputs`)."""
    from .inputs import input_problem

    problem = input_problem(path, "query_bytes", Path(directory).parent)
    if problem:
        raise QueryError(f"{path}: {problem}")
    return parse_query_file(path)


def load_query(directory: Path, name: str) -> SavedQuery | None:
    """The saved query ``name`` read alone, as :func:`load_queries` reads it (its error
    raised); None when ``directory`` has no plain file of that name, so that the caller
    reads them all to say which names there are."""
    if not name or name.startswith(".") or "/" in name or "\\" in name:
        return None
    path = Path(directory) / f"{name}.rq"
    return _read_saved(directory, path) if path.is_file() else None


def find(queries: dict[str, SavedQuery], name: str, broken: dict[str, QueryError] | None = None) -> SavedQuery:
    """The query called ``name``; a broken one raises its error, an unknown name suggests the closest ones."""
    if name in queries:
        return queries[name]
    if broken and name in broken:
        raise broken[name]
    import difflib

    close = difflib.get_close_matches(name, list(queries), n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(close)}?" if close else "; 'dngraph queries' lists them"
    raise QueryError(f"no saved query named {name!r}{hint}")


def check_classes(saved: SavedQuery, bound: dict, ask) -> None:
    """A :class:`ParameterError` for the first ``iri(dn:Class)`` parameter whose value is not
    of that class; ``ask(text, bindings)`` runs an ASK query on the graph."""
    from .namespaces import RDF, shorten
    from .params import iri_term

    for p in saved.params:
        if p.cls and p.name in bound:
            if not ask("ASK { ?thing ?type ?class }", {
                    "thing": bound[p.name], "type": iri_term(RDF.type, "rdf:type"), "class": iri_term(p.cls, p.name)}):
                raise ParameterError(
                    f"parameter {p.name!r}: {bound[p.name].value} is not a {shorten(p.cls)} in the graph")
