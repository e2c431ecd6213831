"""The pictures of the web page: the timeline and the network of :mod:`dngraph.plot`,
drawn from the saved queries' answers, served as SVG or PNG.

One picture is drawn at a time: matplotlib's settings are global to the process, and
two drawings at once in two threads would each see the other's (text drawn as paths,
say). Each picture is drawn once and kept: the graph does not change while served.
"""

from __future__ import annotations

import threading

from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from ..errors import DngraphError
from . import views

PICTURE_TYPES = {"svg": "image/svg+xml", "png": "image/png"}
_DRAWING = threading.Lock()


async def plot(request) -> Response:
    """A picture of the graph: ``/plots/timeline.svg``, ``/plots/network.png``."""
    kg = request.app.state.kg
    kind, fmt = request.path_params["kind"], request.path_params["fmt"]
    if not hasattr(kg, "plot") or fmt not in PICTURE_TYPES:
        return views.error(request, 404, f"no picture is served at {request.url.path}")
    try:
        picture = await run_in_threadpool(_draw, kg, request.app.state.pictures, kind, fmt)
    except (DngraphError, ValueError) as exc:
        return views.error(request, 404, str(exc))
    return Response(picture, media_type=PICTURE_TYPES[fmt])


def _draw(kg, drawn: dict, kind: str, fmt: str) -> bytes:
    with _DRAWING:
        if (kind, fmt) not in drawn:
            drawn[kind, fmt] = kg.plot(kind, fmt)
        return drawn[kind, fmt]
