"""Build once, open instantly: the built graph as an on-disk pyoxigraph store.

The first command that needs the graph builds it (see :mod:`dngraph.build`) into
a temporary folder beside its final place, writes ``manifest.json`` last and
renames the folder to ``store-{key}``, where the key hashes every input file
(:func:`dngraph.cache.cache_key`). Later commands open that folder read-only, so
any number of processes can read it at once and opening costs the same at any
size. When two processes build at once, the first rename wins and the other
process uses the winner's store.

The manifest lists every file of the store with its size and, except for the
RocksDB tables, its SHA-256. A store whose manifest is missing (a build that
stopped half-way), names another key, or does not match the files on disk is
rebuilt, never trusted. The table contents are covered by RocksDB's own block
checksums, checked on every read; a table found corrupt then is rebuilt too.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from .cache import cache_key
from .errors import CacheError
from .resources import Layout, cache_dir

MANIFEST = "manifest.json"
# RocksDB's own log and lock files change on every open; they carry no data.
_UNCHECKED = ("LOG", "LOCK")


class OpenedStore:
    """The built graph of one layout and reasoner, opened on first use. RocksDB checks
    its block checksums on every read; a table found corrupt then is rebuilt once,
    never trusted."""

    def __init__(self, layout: Layout, directory: Path | None, reasoner: str):
        self.layout, self.directory, self.reasoner = layout, directory, reasoner
        self.store, self.manifest, self.built = None, {}, False

    def get(self, rebuild: bool = False):
        """The pyoxigraph Store, opened (or rebuilt) now if it is not open yet."""
        if self.store is None or rebuild:
            self.store, self.manifest, self.built = open_store(
                self.layout, self.directory, self.reasoner, rebuild=rebuild)
        return self.store

    def run(self, action):
        """``action(store)``; run again on a rebuilt store if the store reports corruption."""
        try:
            return action(self.get())
        except (OSError, RuntimeError) as exc:
            if not is_corruption(exc):
                raise
            return action(self.get(rebuild=True))


def is_corruption(exc: Exception) -> bool:
    """Whether ``exc`` is RocksDB reporting a damaged table."""
    return "Corruption" in str(exc)


def store_path(layout: Layout, directory: Path | None = None, reasoner: str = "rules") -> Path:
    folder = directory or cache_dir()
    return folder / f"store-{cache_key(layout, reasoner, memo=folder)}"


def open_store(layout: Layout, directory: Path | None = None, reasoner: str = "rules",
               rebuild: bool = False):
    """The built graph as ``(store, manifest, built)``; ``built`` says whether it was (re)built."""
    path = store_path(layout, directory, reasoner)
    key = path.name.removeprefix("store-")
    if not rebuild:
        try:
            return (*open_checked(path, key), False)
        except CacheError:
            pass
    import shutil
    import tempfile

    from .build import build_store
    from .leftovers import sweep, temp_prefix  # building only: opening a store needs neither

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        sweep(path)  # the folder of a build that was killed (dngraph.leftovers)
        tmp = Path(tempfile.mkdtemp(dir=path.parent, prefix=temp_prefix(path), suffix=".tmp"))
    except OSError:  # a read-only cache folder costs speed, not correctness
        store, manifest = build_store(layout, reasoner, None)
        return store, manifest, True
    try:
        manifest = build_store(layout, reasoner, tmp)[1]
        manifest["key"] = key
        seal(tmp, manifest)
        publish(tmp, path, key, replace=rebuild)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return (*open_checked(path, key), True)


def seal(folder: Path, manifest: dict) -> None:
    """Write the manifest, last, listing every file of the finished store."""
    manifest["files"] = {name: _fingerprint(folder / name) for name in _store_files(folder)}
    tmp = folder / (MANIFEST + ".tmp")
    with open(tmp, "w", encoding="utf-8") as handle:
        json.dump(manifest, handle, indent=1, sort_keys=True)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, folder / MANIFEST)


def publish(tmp: Path, path: Path, key: str, replace: bool = False) -> None:
    """Rename the built folder into place. A valid store already there (another
    process built it first) is kept, unless ``replace`` says it was found damaged."""
    try:
        os.rename(tmp, path)
        return
    except OSError:
        pass
    if not replace:
        try:
            open_checked(path, key)
            return
        except CacheError:
            pass
    import shutil  # only when a store is replaced: opening one needs neither
    import tempfile

    trash = Path(tempfile.mkdtemp(dir=path.parent, prefix=f".{path.name}.", suffix=".old"))
    try:
        os.rename(path, trash / "store")
    except OSError:
        pass
    try:
        os.rename(tmp, path)
    except OSError:
        pass  # a concurrent build won the race; open_checked decides whether it is whole
    shutil.rmtree(trash, ignore_errors=True)


def open_checked(path: Path, key: str):
    """Open the store at ``path`` read-only as ``(store, manifest)``, or raise :class:`CacheError`."""
    import pyoxigraph

    try:
        manifest = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise CacheError(f"{path}: no readable manifest: {exc}") from None
    if not isinstance(manifest, dict) or manifest.get("key") != key:
        raise CacheError(f"{path}: manifest is for another build")
    files = manifest.get("files") or {}
    if sorted(files) != _store_files(path):
        raise CacheError(f"{path}: files differ from the manifest")
    for name, recorded in files.items():
        if _fingerprint(path / name) != recorded:
            raise CacheError(f"{path}: {name} does not match the manifest")
    try:
        return pyoxigraph.Store.read_only(str(path)), manifest
    except (OSError, RuntimeError, ValueError) as exc:
        raise CacheError(f"{path}: store does not open: {exc}") from None


def _store_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()
                  if p.name != MANIFEST and not p.name.startswith(_UNCHECKED) and p.is_file())


def _fingerprint(path: Path) -> list:
    """Size and, for files other than RocksDB tables (which check themselves), SHA-256."""
    size = path.stat().st_size
    if path.suffix == ".sst":
        return [size, None]
    return [size, hashlib.sha256(path.read_bytes()).hexdigest()]
