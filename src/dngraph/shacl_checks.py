"""The constraint components of SHACL Core (SHACL section 4), each checked for all focus nodes at once.

A check takes a shape, the values of one of its parameters, ``pairs`` (each
focus node that has value nodes, with them) and ``nodes`` (every focus node) and gives every ``(focus node, value,
component)`` that breaks it, ``value`` None where pySHACL reports none (the
cardinality, ``sh:hasValue``, ``sh:uniqueLang`` and qualified components). A
shape named by a logical or qualified constraint (sections 4.6, 4.7) is checked
on all the value nodes together (:meth:`Checker.failing`).
"""

from __future__ import annotations

import re

from .namespaces import SH
from .shacl_literals import datatype_ok, min_inclusive_ok, reported
from .shacl_shapes import Shape

_KINDS = {"iri": {SH.IRI, SH.BlankNodeOrIRI, SH.IRIOrLiteral},
          "blank": {SH.BlankNode, SH.BlankNodeOrIRI, SH.BlankNodeOrLiteral},
          "literal": {SH.Literal, SH.BlankNodeOrLiteral, SH.IRIOrLiteral}}


class Checker:
    """Checks shapes of ``shapes`` on the data of ``index`` (:class:`~dngraph.validate_core.Index`)."""

    def __init__(self, shapes, index):
        self.shapes, self.index = shapes, index

    def pairs(self, shape: Shape, nodes: set) -> dict:
        """Each focus node that has value nodes, with them (section 1.5: the node itself for
        a node shape), read from the smaller of ``nodes`` and the property's subjects."""
        if shape.predicate is None:
            return {f: (f,) for f in nodes}
        by = self.index.by_node(shape.predicate, shape.inverse)
        if len(by) < len(nodes):
            return {f: values for f, values in by.items() if f in nodes}
        return {f: by[f] for f in nodes if f in by}

    def violations(self, shape: Shape, nodes: set) -> list:
        """Every ``(focus, value, component)`` of the constraints of ``shape`` itself."""
        if not any(name in _CHECKS for name in shape.params):
            return []
        pairs = self.pairs(shape, nodes)
        found = []
        for name, values in shape.params.items():
            check = _CHECKS.get(name)
            if check is not None:
                found.extend(check(self, shape, values, pairs, nodes))
        return found

    def failing(self, node, nodes) -> set:
        """The members of ``nodes`` that do not conform to the shape ``node`` (section 3.4)."""
        shape = self.shapes[node]
        if shape.deactivated:
            return set()
        bad = {f for f, _, _ in self.violations(shape, nodes)}
        for child in (self.shapes[p] for p in shape.properties):
            if not child.deactivated:
                bad |= {f for f, _, _ in self.violations(child, nodes)}
        return bad


def _each(pairs, ok, component):
    return [(f, v, component) for f, values in pairs.items() for v in values if not ok(v)]


def _class(checker, shape, classes, pairs, nodes):
    """Section 4.1.1, sh:class: each value node is a SHACL instance of the class."""
    return [hit for c in classes
            for hit in _each(pairs, checker.index.instances(c).__contains__, SH.ClassConstraintComponent)]


def _datatype(checker, shape, datatypes, pairs, nodes):
    """Section 4.1.2, sh:datatype: each value node is a well-formed literal of the datatype."""
    return [hit for d in datatypes
            for hit in _each(pairs, lambda v: datatype_ok(v, d.value), SH.DatatypeConstraintComponent)]


def _node_kind(checker, shape, kinds, pairs, nodes):
    """Section 4.1.3, sh:nodeKind."""
    import pyoxigraph

    def kind(v):
        return "iri" if isinstance(v, pyoxigraph.NamedNode) else "blank" if isinstance(v, pyoxigraph.BlankNode) else "literal"

    return [hit for k in kinds
            for hit in _each(pairs, lambda v: k.value in _KINDS[kind(v)], SH.NodeKindConstraintComponent)]


def _min_count(checker, shape, counts, pairs, nodes):
    """Section 4.2.1, sh:minCount."""
    return [(f, None, SH.MinCountConstraintComponent) for n in counts for f in nodes
            if len(pairs.get(f, ())) < int(n.value)]


def _max_count(checker, shape, counts, pairs, nodes):
    """Section 4.2.2, sh:maxCount."""
    return [(f, None, SH.MaxCountConstraintComponent) for n in counts for f, values in pairs.items()
            if len(values) > int(n.value)]


def _min_inclusive(checker, shape, bounds, pairs, nodes):
    """Section 4.4.3, sh:minInclusive."""
    return [hit for b in bounds
            for hit in _each(pairs, lambda v: min_inclusive_ok(v, b), SH.MinInclusiveConstraintComponent)]


def _pattern(checker, shape, patterns, pairs, nodes):
    """Section 4.5.3, sh:pattern with sh:flags (the flags pySHACL reads: i and m)."""
    import pyoxigraph

    text = next(iter(shape.params.get("flags", [])), None)
    flags = (re.I if text is not None and "i" in text.value else 0) | (re.M if text is not None and "m" in text.value else 0)

    def matches(regex, v):
        return not isinstance(v, pyoxigraph.BlankNode) and regex.search(reported(v).value) is not None

    try:
        compiled = [re.compile(p.value, flags) for p in patterns]
    except re.error as exc:
        raise NotImplementedError(f"a pattern Python does not read: {exc}") from None
    return [hit for regex in compiled
            for hit in _each(pairs, lambda v: matches(regex, v), SH.PatternConstraintComponent)]


def _language_in(checker, shape, languages, pairs, nodes):
    """Section 4.5.4, sh:languageIn: each value node has a tag matching a listed one (langMatches)."""
    import pyoxigraph

    wanted = {lang.value.lower() for lang in languages}

    def ok(v):
        tag = v.language if isinstance(v, pyoxigraph.Literal) else None
        return bool(tag) and ("*" in wanted or tag.lower() in wanted or tag.split("-")[0].lower() in wanted)

    return _each(pairs, ok, SH.LanguageInConstraintComponent)


def _unique_lang(checker, shape, flags, pairs, nodes):
    """Section 4.5.5, sh:uniqueLang: one result per focus node and language tag used twice."""
    import pyoxigraph

    found = []
    for flag in flags:
        if flag.value != "true":
            continue
        for f, values in pairs.items():
            tags = [v.language.lower() for v in values if isinstance(v, pyoxigraph.Literal) and v.language]
            found.extend((f, None, SH.UniqueLangConstraintComponent) for t in set(tags) if tags.count(t) > 1)
    return found


def _in(checker, shape, members, pairs, nodes):
    """Section 4.8.3, sh:in."""
    allowed = set(members)
    return _each(pairs, allowed.__contains__, SH.InConstraintComponent)


def _has_value(checker, shape, wanted, pairs, nodes):
    """Section 4.8.2, sh:hasValue: one result per focus node without the value."""
    return [(f, None, SH.HasValueConstraintComponent) for w in wanted for f in nodes if w not in pairs.get(f, ())]


def _or(checker, shape, lists, pairs, nodes):
    """Section 4.6.3, sh:or: each value node conforms to at least one of the shapes."""
    values = set().union(*pairs.values())
    found = []
    for members in lists:
        bad = [checker.failing(m, values) for m in members]
        found.extend(_each(pairs, lambda v: not all(v in b for b in bad), SH.OrConstraintComponent))
    return found


def _xone(checker, shape, lists, pairs, nodes):
    """Section 4.6.4, sh:xone: each value node conforms to exactly one of the shapes."""
    values = set().union(*pairs.values())
    found = []
    for members in lists:
        bad = [checker.failing(m, values) for m in members]
        found.extend(_each(pairs, lambda v: sum(v not in b for b in bad) == 1, SH.XoneConstraintComponent))
    return found


def _qualified(checker, shape, qualified, pairs, nodes):
    """Section 4.7.3, sh:qualifiedValueShape with sh:qualifiedMinCount / sh:qualifiedMaxCount
    (not disjoint): the number of value nodes conforming to the shape."""
    low = [int(n.value) for n in shape.params.get("qualifiedMinCount", [])]
    high = [int(n.value) for n in shape.params.get("qualifiedMaxCount", [])]
    values = set().union(*pairs.values())
    if not values and not any(n >= 1 for n in low):
        return []
    found = []
    for member in qualified:
        if checker.shapes[member].deactivated:
            continue
        bad = checker.failing(member, values)
        for f in nodes:
            n = sum(v not in bad for v in pairs.get(f, ()))
            found.extend((f, None, SH.QualifiedMaxCountConstraintComponent) for m in high if n > m)
            found.extend((f, None, SH.QualifiedMinCountConstraintComponent) for m in low if n < m)
    return found


_CHECKS = {"class": _class, "datatype": _datatype, "nodeKind": _node_kind, "minCount": _min_count,
           "maxCount": _max_count, "minInclusive": _min_inclusive, "pattern": _pattern,
           "languageIn": _language_in, "uniqueLang": _unique_lang, "in": _in, "hasValue": _has_value,
           "or": _or, "xone": _xone, "qualifiedValueShape": _qualified}
