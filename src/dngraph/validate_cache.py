"""Validation reports cached on disk, so unchanged input is not validated again.

A report is stored as a small JSON file ``validation-{key}.json`` in the build
cache's folder, written atomically (a temporary file and a rename). The key
extends the build's :func:`~dngraph.cache.cache_key` (every input file's name
and bytes, the package version) with the bytes of the shapes file and the
engine. A file that does not read back as a whole report is ignored and
rewritten, never trusted.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from pathlib import Path

from .cache import cache_key, write_atomic
from .errors import LoadError
from .resources import Layout, cache_dir

_FORMAT = "1"


def report_key(layout: Layout, shapes: Path, engine: str) -> str:
    try:
        shapes_bytes = Path(shapes).read_bytes()
    except OSError as exc:
        raise LoadError(shapes, f"cannot read file: {exc.strerror or exc}") from None
    digest = hashlib.sha256(f"{_FORMAT}\0{cache_key(layout)}\0{engine}\0".encode())
    digest.update(hashlib.sha256(shapes_bytes).digest())
    return digest.hexdigest()[:32]


def report_path(layout: Layout, shapes: Path, engine: str, directory: Path | None = None) -> Path:
    return (directory or cache_dir()) / f"validation-{report_key(layout, shapes, engine)}.json"


def read(path: Path):
    """The cached report at ``path``, or None when it is missing or not whole."""
    from .validate import ValidationReport, Violation

    try:
        blob = json.loads(path.read_text(encoding="utf-8"))
        if blob.get("key") != path.stem:
            return None
        violations = [Violation(**{**v, "files": tuple(v["files"])}) for v in blob["violations"]]
        return ValidationReport(conforms=bool(blob["conforms"]), violations=violations,
                                triples=int(blob["triples"]), graphs=int(blob["graphs"]))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def write(path: Path, report) -> None:
    """Store ``report`` at ``path``; a folder that cannot be written costs speed, not correctness."""
    blob = {"key": path.stem, "conforms": report.conforms, "triples": report.triples,
            "graphs": report.graphs, "violations": [asdict(v) for v in report.violations]}
    try:
        write_atomic(path, json.dumps(blob, ensure_ascii=False, indent=1).encode("utf-8"))
    except OSError:
        pass
