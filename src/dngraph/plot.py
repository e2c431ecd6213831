"""Pictures of the forum, drawn from query answers with matplotlib.

- ``timeline``: each member nation's membership from its join date, the
  ministerial summits with host and chair, the chair terms and the forum's names
  over time (saved queries ``members``, ``summits``, ``chairs``, ``name-history``);
  see :mod:`dngraph.timeline`.
- ``network``: nations, working groups, people and the forum's documents with the
  relations between them (``sparql/network-nodes.rq``, ``sparql/network-edges.rq``);
  see :mod:`dngraph.network`.

matplotlib is imported only here, when a picture is asked for, and only its
object-oriented API is used (no ``pyplot``, no global backend switch): the
figure is printed by the Agg (PNG) or SVG canvas. The same graph gives the same
bytes: SVG ids come from a fixed hash salt, no date is written, text stays text.
"""

from __future__ import annotations

import io
from pathlib import Path

from .errors import DngraphError

KINDS = ("timeline", "network")
FORMATS = ("svg", "png")

_STYLE = {
    "svg.hashsalt": "dngraph",   # ids in the SVG do not change from run to run
    "svg.fonttype": "none",      # labels stay text: searchable, selectable, testable
    "font.family": "DejaVu Sans",
    "font.size": 9,
}


def render(kg, kind: str, fmt: str = "svg") -> bytes:
    """The picture ``kind`` (``timeline`` or ``network``) of ``kg`` as SVG or PNG bytes."""
    if kind not in KINDS:
        raise DngraphError(f"picture {kind!r}: use one of {', '.join(KINDS)}")
    if fmt not in FORMATS:
        raise DngraphError(f"picture format {fmt!r}: use one of {', '.join(FORMATS)}")
    import matplotlib
    from matplotlib.figure import Figure

    if kind == "timeline":
        from .timeline import draw, gather
    else:
        from .network import draw, gather
    data = gather(kg)
    with matplotlib.rc_context(_STYLE):
        figure = Figure(layout="constrained")
        draw(figure, data)
        out = io.BytesIO()
        metadata = {"Date": None} if fmt == "svg" else {"Software": None}
        figure.savefig(out, format=fmt, dpi=110, metadata=metadata)
    return out.getvalue()


def format_of(path: str | Path, fmt: str | None = None) -> str:
    """The picture format asked for: ``fmt``, else the file's suffix."""
    chosen = (fmt or Path(path).suffix.lstrip(".")).lower()
    if chosen not in FORMATS:
        raise DngraphError(f"{path}: cannot tell the picture format; name a .svg or .png file or give --format")
    return chosen


def write_plot(kg, kind: str, path: str | Path, fmt: str | None = None) -> int:
    """Draw ``kind`` and write it to ``path`` atomically; returns the number of bytes."""
    from .cache import write_atomic

    payload = render(kg, kind, format_of(path, fmt))
    try:
        write_atomic(Path(path), payload)
    except OSError as exc:
        raise DngraphError(f"{path}: cannot write: {exc.strerror or exc}") from None
    return len(payload)
