"""The network of the forum, for :mod:`dngraph.plot`: nations, working groups,
people and the forum's documents, and the relations between them.

Nodes and edges are the answers of ``sparql/network-nodes.rq`` and
``sparql/network-edges.rq`` (with OWL RL entailments, so a relation stated in
either direction is drawn once). The layout is layered and deterministic: one
column per kind (people, nations, working groups, documents); within a column
nodes start in label order and are then sorted a few times by the mean position
of their neighbours (the barycentre heuristic of Sugiyama et al., 1981), which
keeps related things level and edges short.
"""

from __future__ import annotations

from pathlib import Path

COLUMNS = ("person", "nation", "working group", "document")
_HEADINGS = ("People", "Nations", "Working groups", "Documents")
_COLOURS = {"person": "#8e44ad", "nation": "#2e6da4", "working group": "#27ae60", "document": "#c0392b"}
_SWEEPS = 6


def gather(kg) -> dict:
    """Nodes ``{iri: (kind, label)}`` and edges ``{(a, b)}`` (unordered, drawn once)."""
    folder = Path(__file__).parent / "sparql"
    nodes = {}
    for row in kg.sparql((folder / "network-nodes.rq").read_text(encoding="utf-8")).rows:
        nodes.setdefault(row["thing"], (row["kind"], row.get("label") or row["thing"].rsplit("/", 1)[-1]))
    edges = set()
    for row in kg.sparql((folder / "network-edges.rq").read_text(encoding="utf-8")).rows:
        if row["from"] in nodes and row["to"] in nodes:
            edges.add(tuple(sorted((row["from"], row["to"]))))
    return {"nodes": nodes, "edges": sorted(edges)}


def layout(nodes: dict, edges: list) -> dict:
    """``{iri: (x, y)}``: a column per kind, rows ordered by the barycentre heuristic."""
    neighbours: dict[str, list] = {n: [] for n in nodes}
    for a, b in edges:
        neighbours[a].append(b)
        neighbours[b].append(a)
    columns = {kind: sorted((n for n, (k, _) in nodes.items() if k == kind), key=lambda n: (nodes[n][1], n))
               for kind in COLUMNS}
    rank = {n: _spread(i, len(col)) for col in columns.values() for i, n in enumerate(col)}
    for _ in range(_SWEEPS):
        for kind, col in columns.items():
            centre = {n: (sum(rank[m] for m in neighbours[n]) / len(neighbours[n]) if neighbours[n] else rank[n])
                      for n in col}
            columns[kind] = sorted(col, key=lambda n: (centre[n], nodes[n][1], n))
            rank.update({n: _spread(i, len(col)) for i, n in enumerate(columns[kind])})
    return {n: (COLUMNS.index(kind), _spread(i, len(col))) for kind, col in columns.items() for i, n in enumerate(col)}


def _spread(index: int, count: int) -> float:
    """Positions 0..1 from top, centred for short columns."""
    return (index + 0.5) / count if count else 0.5


def draw(figure, data: dict) -> None:
    nodes, edges = data["nodes"], data["edges"]
    where = layout(nodes, edges)
    tallest = max(sum(1 for k, _ in nodes.values() if k == kind) for kind in COLUMNS)
    figure.set_size_inches(16, max(6, 0.36 * tallest + 1.5))
    ax = figure.add_subplot()
    for a, b in edges:
        (x1, y1), (x2, y2) = where[a], where[b]
        ax.plot([x1, x2], [y1, y2], color="#9aa5b1", linewidth=0.6, alpha=0.7, zorder=1)
    for node, (kind, label) in sorted(nodes.items()):
        x, y = where[node]
        ax.scatter([x], [y], s=40, color=_COLOURS[kind], zorder=3)
        ax.text(x + 0.03, y, _short(label), fontsize=7.5, va="center", zorder=4,
                bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.8})
    for i, (kind, heading) in enumerate(zip(COLUMNS, _HEADINGS)):
        ax.text(i, -0.03, heading, ha="left", fontsize=10, weight="bold", color=_COLOURS[kind])
    ax.set_xlim(-0.1, len(COLUMNS) - 0.15)
    ax.set_ylim(1.02, -0.07)
    ax.set_axis_off()
    ax.set_title(f"Digital Nations: {len(nodes)} nations, working groups, people and documents, "
                 f"{len(edges)} relations", loc="left")


def _short(label: str, limit: int = 48) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"
