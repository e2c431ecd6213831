"""What the graph holds: triples, things per class, facts per source."""

from __future__ import annotations

from dataclasses import dataclass, field

from .namespaces import INFERRED_GRAPH, ONTOLOGY_IRI, shorten


@dataclass
class Stats:
    asserted: int = 0
    inferred: int = 0
    ontology: int = 0
    by_class: list[tuple[str, str | None, int]] = field(default_factory=list)
    by_source: list[tuple[str, str | None, int]] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"triples: {self.asserted} asserted in {len(self.by_source)} source graphs, "
               f"{self.ontology} in the ontology, {self.inferred} inferred"]
        out.append("things per class:")
        width = max((len(shorten(c)) for c, _, _ in self.by_class), default=0)
        out += [f"  {shorten(c):<{width}}  {n:>5}" for c, _, n in self.by_class]
        out.append("facts per source:")
        width = max((len(label or s) for s, label, _ in self.by_source), default=0)
        out += [f"  {(label or s):<{width}}  {n:>5}" for s, label, n in self.by_source]
        return out


def compute_stats(kg) -> Stats:
    """The figures of ``kg``, from the library's own queries (whatever the root holds)."""
    stats = Stats()
    for graph, count in graph_sizes(kg).items():
        if graph == INFERRED_GRAPH:
            stats.inferred = count
        elif graph == ONTOLOGY_IRI:
            stats.ontology = count
        else:
            stats.asserted += count
    classes = kg.library("stats-by-class")
    stats.by_class = [(r["class"], r.get("label"), r["things"]) for r in classes.rows]
    sources = kg.library("stats-by-source")
    stats.by_source = [(r["source"], r.get("label"), r["triples"]) for r in sources.rows]
    return stats


def graph_sizes(kg) -> dict[str, int]:
    """Triples per named graph of ``kg.store``: as the build counted them, and counted
    now for a graph it did not build (a linked dump)."""
    graphs = [graph.value for graph in kg.store.named_graphs()]  # opens the store and its manifest
    recorded = kg.manifest.get("counts", {})
    if all(graph in recorded for graph in graphs):
        return {graph: recorded[graph] for graph in graphs}
    return {row["g"]: row["n"] for row in kg.library("graph-sizes").rows}

