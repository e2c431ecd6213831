"""Running SPARQL text on the store: predeclared prefixes, one-line errors, unknown terms.

A query a person types may use the project's prefixes (``dn:``, ``id:`` and the
vocabularies of ``namespaces.PREFIXES``) without declaring them, as the Wikidata
Query Service allows for its own; a declaration in the query wins. A syntax
error is reported with its line and column in the text as written. A ``dn:``
term the ontology does not define gets a warning with the closest defined one.
"""

from __future__ import annotations

import re

from .errors import ParameterError, QueryError
from .namespaces import DN, PREFIXES
from .store import is_corruption

_DECLARED = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?:", re.IGNORECASE)
# IRIs are kept (a '#' in one is no comment); strings and comments are blanked.
_TOKENS = re.compile(r'<[^<>\s"{}|^`\\]*>|"""(?:.|\n)*?"""|\'\'\'(?:.|\n)*?\'\'\'|'
                     r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|#[^\n]*')
_DN_NAME = re.compile(r"(?<![\w:.-])dn:([A-Za-z_][\w-]*(?:\.[\w-]+)*)")
_DN_IRI = re.compile("<" + re.escape(str(DN)) + r"([^>]*)>")
_POSITION = re.compile(r"error at (\d+):(\d+): (.*)", re.DOTALL)


def execute(store, text: str, default_graph, bindings: dict | None = None, predeclare: bool = True):
    """Run ``text`` on ``store``; every failure becomes a one-line :class:`QueryError`."""
    shift = 0
    if predeclare:
        text, shift = with_prefixes(text)
    try:
        return store.query(text, default_graph=default_graph, substitutions=substitutions(bindings or {}))
    except SyntaxError as exc:
        raise QueryError(syntax_message(str(exc), text, shift)) from None
    except (OSError, ValueError) as exc:
        if is_corruption(exc):
            raise  # the store is damaged, not the query: the caller rebuilds it
        raise QueryError(f"query failed: {' '.join(str(exc).split())}") from None


def with_prefixes(text: str) -> tuple[str, int]:
    """``text`` with a first line declaring each project prefix it does not declare itself,
    and the number of lines added (0 or 1)."""
    declared = {m.group(1) or "" for m in _DECLARED.finditer(_blank(text))}
    missing = [f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items() if p not in declared]
    if not missing:
        return text, 0
    return " ".join(missing) + "\n" + text, 1


def substitutions(bindings: dict) -> dict:
    """pyoxigraph substitutions for ``bindings`` (name to RDF term), checked."""
    import pyoxigraph as ox

    out = {}
    for name, value in bindings.items():
        if not isinstance(value, (ox.NamedNode, ox.BlankNode, ox.Literal)):
            raise ParameterError(f"binding {name!r}: {value!r} is not an RDF term "
                                 "(a pyoxigraph NamedNode, Literal or BlankNode)")
        try:
            out[ox.Variable(name)] = value
        except ValueError:
            raise ParameterError(f"binding {name!r} is not a SPARQL variable name") from None
    return out


def syntax_message(message: str, text: str, shift: int = 0) -> str:
    """A parser's message as one line: where (line and column of the text as written),
    what it expected in words, and the text there."""
    match = _POSITION.match(message)
    if not match:
        return "SPARQL syntax error: " + " ".join(message.split())[:200]
    line, column = int(match[1]), int(match[2])
    lines = text.split("\n")
    near = lines[line - 1][max(column - 25, 0):column + 5].strip() if 0 < line <= len(lines) else ""
    hint = ""
    if re.search(r"(?<![<\w])[A-Za-z][\w-]*:[\w-]+/", near):
        hint = " (a prefixed name cannot hold '/': write id:nation\\/ca or the full <IRI>)"
    near = f" near {near!r}" if near else ""
    return f"SPARQL syntax error at line {line - shift}, column {column}{near}: {_expected(match[3])}{hint}"


def _expected(detail: str) -> str:
    if "Prefix not found" in detail:
        return "a prefix that is not declared"
    if not detail.startswith("expected"):
        return " ".join(detail.split())[:120]
    words = re.sub(r"\[(?:'[^']*'|[^\]'])*\]", "", detail.replace("expected one of", "", 1).replace("expected", "", 1))
    items = [w.strip() for w in words.replace("|", ",").split(",") if w.strip()]
    items = [w for w in items if re.fullmatch(r"[\w ()'-]{1,40}", w)][:8]
    return f"expected {'one of ' if len(items) > 1 else ''}{', '.join(items)}" if items else "unexpected text"


def unknown_terms(text: str, defined: set[str]) -> list[str]:
    """A warning for each ``dn:`` term in ``text`` that is not in ``defined`` (full IRIs)."""
    body = _blank(text)
    local = set(_DN_IRI.findall(body))
    declared = {m.group(1): m for m in _DECLARED.finditer(body)}
    if "dn" not in declared or re.search(r"\bPREFIX\s+dn:\s*<" + re.escape(str(DN)) + ">", body, re.I):
        local |= set(_DN_NAME.findall(body))
    names = sorted({iri[len(DN):] for iri in defined if iri.startswith(DN) and iri != DN})
    warnings = []
    import difflib  # only here: most queries use known terms

    for name in sorted(local - set(names)):
        lower = {n.lower(): n for n in names}
        close = [lower[name.lower()]] if name.lower() in lower else \
            difflib.get_close_matches(name, names, n=1, cutoff=0.7)
        hint = f" — did you mean dn:{close[0]}?" if close else ": the ontology does not define it"
        warnings.append(f"unknown term dn:{name}{hint}")
    return warnings


def _blank(text: str) -> str:
    """``text`` with strings and comments blanked out, IRIs kept."""
    def keep(match):
        token = match.group()
        return token if token.startswith("<") else re.sub(r"[^\n]", " ", token)
    return _TOKENS.sub(keep, text)
