"""Which rules of :mod:`dngraph.rules` a round must run, and whether a run added anything.

A rule's update is split into its INSERTs, each paired with an ASK
(``sparql/rule-adds.rq``) that holds exactly when the INSERT would add a
statement; an INSERT runs only when its ASK holds, so every run of a rule is
known to have added something or not, without counting the store.

A rule that already ran need not run again unless a run that added something
since it began wrote a statement the rule reads. What each rule reads and
writes is given as keys, (predicate, object) pairs where None stands for any,
by ``sparql/rule-keys.rq``, asked of the store when a decision is made: its
"schema" keys name the vocabulary a rule reads whatever the graph, its "reads"
keys the properties and classes that vocabulary names in the graph at that
moment. A rule whose schema has not changed since it ran reads through the
same keys as then, and a rule whose schema has changed is run by its "schema"
keys, so the decision holds on any graph. A run whose rule has no "writes" row
counts as writing anything; a rule with no "schema" row reads anything. A
"closed" rule is not run again by its own conclusions alone (see the query).
"""

from __future__ import annotations

import re
from pathlib import Path
from string import Template

_SPARQL = Path(__file__).parent / "sparql"
_PART = re.compile(r"\s*INSERT\s*\{(?P<head>[^{}]*)\}\s*WHERE\s*\{(?P<where>.*)\}\s*", re.S)
_ANY = frozenset({(None, None)})


def rule_parts(text: str) -> list[tuple[str, str]]:
    """The INSERTs of a rule's update text, each as ``(update, ask)``, in order."""
    prefixes = "\n".join(line for line in text.splitlines() if line.startswith("PREFIX "))
    body = "\n".join(line for line in text.splitlines()
                     if line.strip() and not line.startswith(("PREFIX ", "#")))
    ask = Template((_SPARQL / "rule-adds.rq").read_text(encoding="utf-8"))
    parts = []
    for part in re.split(r"(?<=\})\s*;\s*\n", body):
        match = _PART.fullmatch(part)
        if match is None:
            raise ValueError(f"not an INSERT {{ ... }} WHERE {{ ... }} update: {part[:80]!r}")
        absent = " || ".join(_absent(triple) for triple in re.split(r"\s+\.\s+", match["head"].strip()))
        parts.append((f"{prefixes}\n{part.strip()}",
                      ask.substitute(prefixes=prefixes, where=match["where"], absent=absent)))
    return parts


def _absent(triple: str) -> str:
    """A filter that holds where the template ``triple`` is valid RDF and not in the graph."""
    s, p, o = triple.split()
    tests = ([f"!isLiteral({s})"] if s.startswith("?") else []) + ([f"isIRI({p})"] if p.startswith("?") else [])
    return "(" + " && ".join(tests + [f"NOT EXISTS {{ {s} {p} {o} }}"]) + ")"


class Schedule:
    """The runs of the rules over one store so far, and which rules are due to run."""

    def __init__(self, store):
        self.store = store
        self.runs = 0
        self.last: dict[str, int] = {}  # rule -> number of its latest run
        self.adding: list[tuple[int, str]] = []  # (run, rule) of each run that added something
        self._keys = None

    def ran(self, rule: str, added: bool) -> None:
        self.runs += 1
        self.last[rule] = self.runs
        if added:
            self.adding.append((self.runs, rule))
            self._keys = None  # the graph changed, and with it what the keys name

    def due(self, rule: str) -> bool:
        """Whether ``rule`` has not run yet or may add something if run now."""
        since = self.last.get(rule)
        if since is None:
            return True
        keys = self._keys = self._keys or rule_keys(self.store)
        schema, reads, writes, closed = keys
        wide = schema.get(rule, _ANY) | reads.get(rule, frozenset())
        for run, writer in self.adding:
            if run < since:
                continue
            readable = schema.get(rule, _ANY) if run == since and rule in closed else wide
            if meet(writes.get(writer, _ANY), readable):
                return True
        return False


def rule_keys(store):
    """The keys of ``sparql/rule-keys.rq`` in the store as it is: (schema, reads, writes, closed)."""
    found: dict[str, dict[str, set]] = {"schema": {}, "reads": {}, "writes": {}, "closed": {}}
    for row in store.query((_SPARQL / "rule-keys.rq").read_text(encoding="utf-8")):
        found[row["way"].value].setdefault(row["rule"].value, set()).add((row["p"], row["o"]))
    return found["schema"], found["reads"], found["writes"], set(found["closed"])


def meet(writes, reads) -> bool:
    """Whether a statement matching a key of ``writes`` can match a key of ``reads``."""
    by_predicate: dict = {}
    for p, o in reads:
        by_predicate.setdefault(p, set()).add(o)
    anywhere = by_predicate.get(None, set())
    for p, o in writes:
        objects = set().union(*by_predicate.values()) if p is None else by_predicate.get(p, set()) | anywhere
        if objects and (o is None or None in objects or o in objects):
            return True
    return False
