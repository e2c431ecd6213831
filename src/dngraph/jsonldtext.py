"""JSON text of an exported JSON-LD document: the bytes ``json.dumps(value, indent=2,
ensure_ascii=False)`` writes, keys ordered for people (``id``, ``type``, ``label``,
then the rest alphabetically), written by one recursive pass.

The standard library writes indented JSON with its pure-Python encoder, one generator
per nested value; here strings are quoted by its C function and the text is joined
once. Values of any other kind (floating-point numbers, which JSON-LD from RDF does
not make here) are left to ``json.dumps``.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring

_FIRST = {"id": 0, "type": 1, "label": 2}


def _order(key: str):
    return (_FIRST.get(key, 3), key.lower(), key)


def ordered_json(value) -> str:
    """``json.dumps(value, indent=2, ensure_ascii=False)`` with every object's keys in
    the order above."""
    out: list[str] = []
    try:
        _write(value, out, "\n")
    except _Unusual:
        return json.dumps(_ordered(value), indent=2, ensure_ascii=False)
    return "".join(out)


class _Unusual(Exception):
    pass


def _write(value, out: list, newline: str) -> None:
    """``value`` onto ``out``; ``newline`` is a line break and the current indent."""
    if isinstance(value, str):
        out.append(encode_basestring(value))
    elif isinstance(value, dict):
        keys = sorted(value, key=_order)
        _container("{}", [(encode_basestring(k) + ": ", value[k]) for k in keys], out, newline)
    elif isinstance(value, list):
        _container("[]", [("", item) for item in value], out, newline)
    else:
        out.append(_scalar(value))


def _container(brackets: str, items: list, out: list, newline: str) -> None:
    """An object or array: each ``(lead, value)`` of ``items`` on a line of its own, one
    level in, ``lead`` being an object's key or nothing."""
    if not items:
        out.append(brackets)
        return
    inner = newline + "  "
    separator = brackets[0] + inner
    for lead, item in items:
        out.append(separator + lead)
        _write(item, out, inner)
        separator = "," + inner
    out.append(newline + brackets[1])


def _scalar(value) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if type(value) is int:
        return int.__repr__(value)
    raise _Unusual


def _ordered(value):
    """Keys in the order people read them: id, type, label, then the rest alphabetically."""
    if isinstance(value, list):
        return [_ordered(item) for item in value]
    if not isinstance(value, dict):
        return value
    return {key: _ordered(value[key]) for key in sorted(value, key=_order)}
