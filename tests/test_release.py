"""dngraph release: every format, the description, the linkset and checksums, the same
bytes for the same data, written whole or not at all."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner

from dngraph.cli import cli
from dngraph.errors import OutputError
from dngraph.release import EXPORTS

ROOT = Path(__file__).resolve().parent.parent
DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
SPDX = rdflib.Namespace("http://spdx.org/rdf/terms#")
DATASET = rdflib.URIRef("https://w3id.org/dngraph/dataset")


@pytest.fixture(scope="module")
def first(kg, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("releases") / "first"
    kg.write_release(folder, "2026.11")
    return folder


def test_two_releases_of_the_same_data_are_byte_identical(kg, first, tmp_path):
    second = tmp_path / "second"
    kg.write_release(second, "2026.11")
    names = sorted(p.name for p in first.iterdir())
    assert names == sorted(p.name for p in second.iterdir())
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_release_holds_every_format_the_linkset_and_checksums(first):
    names = {p.name for p in first.iterdir()}
    links = {p.name for p in (ROOT / "data" / "links").iterdir()}
    assert set(EXPORTS.values()) | links | {"void.ttl", "VERSION", "SHA256SUMS"} == names
    for name in links:
        assert (first / name).read_bytes() == (ROOT / "data" / "links" / name).read_bytes()
    listed = dict(reversed(line.split("  ", 1)) for line in (first / "SHA256SUMS").read_text().splitlines())
    assert set(listed) == names - {"SHA256SUMS"}
    for name, digest in listed.items():
        assert hashlib.sha256((first / name).read_bytes()).hexdigest() == digest, name


def test_quads_of_the_release_are_the_stated_graphs_with_the_ontology(kg, first):
    released = {str(q) for q in ox.parse(path=str(first / "dngraph.nq"), format=ox.RdfFormat.N_QUADS)}
    graphs = {q.graph_name.value for q in ox.parse(path=str(first / "dngraph.nq"), format=ox.RdfFormat.N_QUADS)}
    assert "https://w3id.org/dngraph/ontology" in graphs
    assert "https://w3id.org/dngraph/id/source/editors-reading" in graphs
    assert "https://w3id.org/dngraph/graph/inferred" not in graphs
    exported = kg.export("nquads", "asserted,editorial", (), True).decode().splitlines()
    assert released == {str(q) for q in ox.parse("\n".join(exported).encode(), format=ox.RdfFormat.N_QUADS)}


def test_description_is_stamped_and_lists_each_file_with_its_checksum(first):
    void = rdflib.Graph().parse(first / "void.ttl")
    assert str(void.value(DATASET, DCAT.version)) == "2026.11" == (first / "VERSION").read_text().strip()
    files = {}
    for dist in void.objects(DATASET, DCAT.distribution):
        url = str(void.value(dist, DCAT.downloadURL))
        assert url.startswith("https://w3id.org/dngraph/release/2026.11/")
        checksum = void.value(dist, SPDX.checksum)
        files[url.rsplit("/", 1)[1]] = str(void.value(checksum, SPDX.checksumValue))
    assert set(files) == set(EXPORTS.values()) | {p.name for p in (ROOT / "data" / "links").iterdir()}
    for name, digest in files.items():
        assert hashlib.sha256((first / name).read_bytes()).hexdigest() == digest


def test_a_new_release_replaces_an_old_one_whole(kg, tmp_path):
    folder = tmp_path / "rel"
    kg.write_release(folder, "1")
    kg.write_release(folder, "2")
    assert (folder / "VERSION").read_text() == "2\n"
    assert [p.name for p in tmp_path.iterdir()] == ["rel"]


def test_a_failed_release_leaves_the_old_one_whole(kg, tmp_path, monkeypatch):
    folder = tmp_path / "rel"
    kg.write_release(folder, "1")
    before = {p.name: p.read_bytes() for p in folder.iterdir()}

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(type(kg), "describe", broken)
    with pytest.raises(OSError):
        kg.write_release(folder, "2")
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    assert [p.name for p in tmp_path.iterdir()] == ["rel"]


def test_a_folder_that_is_not_a_release_is_refused(kg, tmp_path):
    (tmp_path / "notes.txt").write_text("keep me")
    with pytest.raises(OutputError, match="not a dngraph release"):
        kg.write_release(tmp_path, "1")
    assert (tmp_path / "notes.txt").read_text() == "keep me"
    result = CliRunner().invoke(cli, ["release", "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert "not a dngraph release" in result.output


def test_release_command_lists_the_files(tmp_path):
    result = CliRunner().invoke(cli, ["release", "-o", str(tmp_path / "r"), "--version-label", "9"])
    assert result.exit_code == 0, result.output
    assert "SHA256SUMS" in result.output and (tmp_path / "r" / "VERSION").read_text() == "9\n"
