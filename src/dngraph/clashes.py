"""Inconsistencies: where the asserted and inferred graphs break an axiom.

The OWL 2 RL rules whose conclusion is ``false`` (OWL 2 Profiles, section 4.3:
cax-dw and cax-adc in Table 7, cls-nothing2 in Table 6, eq-diff1/2/3 in Table 4,
prp-irp, prp-asyp and prp-pdw in Table 5) are SELECT queries in
``sparql/clashes/``, run over the default and inferred graphs of a built store,
whichever reasoner filled it. Each answer becomes a :class:`Clash` naming the
things, the axiom they break and the files that state them. An inconsistent
graph entails everything, so queries refuse to answer from it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

from .namespaces import INFERRED_GRAPH, shorten

_SPARQL = Path(__file__).parent / "sparql"


@dataclass(frozen=True)
class Clash:
    """One inconsistency: the rule that found it, the things, the axiom, the files."""

    rule: str
    things: tuple[str, ...]
    axiom: str
    files: tuple[str, ...] = ()

    def describe(self) -> str:
        things = " and ".join(f"<{t}>" for t in self.things) or "the graph"
        verb = "break" if len(self.things) > 1 else "breaks"
        return f"{things} {verb} {self.axiom} (OWL 2 RL rule {self.rule})"

    def line(self) -> str:
        where = ", ".join(self.files) or "(no source file)"
        return f"{where}: inconsistent: {self.describe()}"

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Clash":
        return cls(data["rule"], tuple(data["things"]), data["axiom"], tuple(data.get("files", ())))


def refuse_if_any(clashes: list[Clash]) -> None:
    """Raise :class:`InconsistentGraph` (one line, exit code 1) if there is a clash."""
    if clashes:
        from .errors import InconsistentGraph

        first, more = clashes[0], f" and {len(clashes) - 1} more" if len(clashes) > 1 else ""
        raise InconsistentGraph(
            f"the graph is inconsistent, so no query is answered: {first.describe()} "
            f"in {', '.join(first.files) or 'the built graph'}{more}; run dngraph validate")


def add_to_report(report, clashes: list[Clash]):
    """A validation report with each clash added as a violation: an inconsistent
    graph does not conform."""
    from .validate import Violation

    for clash in clashes:
        report.conforms = False
        report.violations.append(Violation(
            focus=clash.things[0] if clash.things else "(the graph)", label=None, path=None,
            message=f"inconsistent: {clash.describe()}", severity="Violation", value=None,
            files=clash.files))
    return report


def find_clashes(store, files: dict[str, str]) -> list[Clash]:
    """Every clash in ``store``; ``files`` maps a graph IRI to the file it was read from."""
    import pyoxigraph

    seen = [pyoxigraph.DefaultGraph(), pyoxigraph.NamedNode(INFERRED_GRAPH)]
    found: dict[tuple, Clash] = {}
    for path in sorted((_SPARQL / "clashes").glob("*.rq")):
        for row in store.query(path.read_text(encoding="utf-8"), default_graph=seen):
            things = tuple(dict.fromkeys(row[v].value for v in ("thing", "other")))
            axiom = " ".join(_show(row[v]) for v in ("s", "p", "o"))
            key = (path.stem, frozenset(things), axiom)
            if key not in found:
                stating = _graphs_stating(store, [row["thing"], row["other"]], row)
                found[key] = Clash(path.stem, things, axiom,
                                   tuple(sorted({files[g] for g in stating if g in files})))
    return sorted(found.values(), key=lambda c: (c.files, c.things, c.rule))


def _graphs_stating(store, things, axiom) -> set[str]:
    """The graphs that state something about ``things`` or state the axiom itself."""
    query = (_SPARQL / "graphs-stating.rq").read_text(encoding="utf-8")
    graphs: set[str] = set()
    for thing in things:
        rows = store.query(query, substitutions={
            _var("thing"): thing, _var("s"): axiom["s"], _var("p"): axiom["p"], _var("o"): axiom["o"]})
        graphs |= {row["g"].value for row in rows}
    return graphs


def _var(name: str):
    import pyoxigraph

    return pyoxigraph.Variable(name)


def _show(term) -> str:
    import pyoxigraph

    if isinstance(term, pyoxigraph.NamedNode):
        short = shorten(term.value)
        return short if short != term.value else f"<{term.value}>"
    return str(term)
