"""dngraph diff: the changes between two releases, revisions or folders as facts in
words, and as RDF Patch or SPARQL Update that turn OLD into NEW."""

from __future__ import annotations

import io
import shutil
import subprocess
import tarfile
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.namespace import RDFS
from click.testing import CliRunner

import dngraph
from dngraph.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SUMMITS = "data/public/leadingdigitalgovs-summits.ttl"
WIKIPEDIA = "data/reference/wikipedia-digital-nations.ttl"
# The edits of the second commit: (file, old text, new text).
EDITS = [
    (SUMMITS, 'schema:startDate "2016-11-10"^^xsd:date', 'schema:startDate "2016-11-11"^^xsd:date'),
    (WIKIPEDIA, 'time:inXSDgYearMonth "2014-12"^^xsd:gYearMonth ] ;\n        time:hasEnd [ a time:Instant ; '
                'time:inXSDgYearMonth "2018-02"',
     'time:inXSDgYearMonth "2015-01"^^xsd:gYearMonth ] ;\n        time:hasEnd [ a time:Instant ; '
     'time:inXSDgYearMonth "2018-02"'),
    (SUMMITS, '    dcterms:title "D5 Charter"@en ;\n', ''),
    (SUMMITS, 'rdfs:label "D5 Ministerial Summit, Tallinn 2015"@en ;',
     'rdfs:label "D5 Ministerial Summit, Tallinn 2015"@en ;\n    rdfs:comment "Held in Tallinn."@en ;'),
]


def git(repo: Path, *args: str) -> bytes:
    return subprocess.run(["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
                          check=True, capture_output=True).stdout


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    """A git repository of the project's graph with two commits; the second changes four facts."""
    repo = tmp_path_factory.mktemp("repo")
    for folder in ("ontology", "data", "queries"):
        shutil.copytree(ROOT / folder, repo / folder)
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "first")
    for name, old, new in EDITS:
        text = (repo / name).read_text(encoding="utf-8")
        assert text.count(old) == 1, old
        (repo / name).write_text(text.replace(old, new), encoding="utf-8")
    git(repo, "commit", "-qam", "second")
    return repo


def checkout(repo: Path, rev: str, target: Path) -> Path:
    with tarfile.open(fileobj=io.BytesIO(git(repo, "archive", "--format=tar", rev))) as tar:
        tar.extractall(target)
    return target


@pytest.fixture(scope="module")
def releases(repo, tmp_path_factory) -> tuple[Path, Path]:
    """The release of each revision, written by dngraph release."""
    base = tmp_path_factory.mktemp("released")
    out = []
    for rev, name in (("HEAD~1", "old"), ("HEAD", "new")):
        root = checkout(repo, rev, base / f"{name}-src")
        kg = dngraph.open(root, cache_dir=base / f"{name}-cache")
        kg.write_release(base / name, name)
        out.append(base / name)
    return out[0], out[1]


def quads(path: Path) -> set[str]:
    return {str(q) for q in ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS)}


def canonical(lines) -> set[str]:
    dataset = ox.Dataset(ox.parse("".join(line + " .\n" for line in lines).encode(), format=ox.RdfFormat.N_QUADS))
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return {str(q) for q in dataset}


def run(*args: str):
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def label_in(repo: Path, name: str, thing: str) -> str:
    """The English label the file ``name`` gives ``thing``: a fact is named as its source names it."""
    graph = rdflib.Graph().parse(repo / name)
    labels = [o for o in graph.objects(rdflib.URIRef(f"https://w3id.org/dngraph/id/{thing}"), RDFS.label)
              if o.language == "en"]
    assert len(labels) == 1
    return str(labels[0])


def test_diff_of_two_revisions_lists_each_change_in_words(repo):
    lines = run("diff", "--repo", str(repo), "HEAD~1", "HEAD").splitlines()
    busan, tallinn = label_in(repo, SUMMITS, "summit/2016"), label_in(repo, SUMMITS, "summit/2015")
    charter, d5 = label_in(repo, SUMMITS, "charter/d5-charter"), label_in(repo, WIKIPEDIA, "name/d5")
    assert lines[0] == "HEAD~1 → HEAD: 2 changed, 1 added, 1 removed in 2 graphs"
    assert f"  ~ {busan} (id:summit/2016) · schema:startDate: 2016-11-10 → 2016-11-11" in lines
    assert (f"  ~ {d5} (id:name/d5) · during › time:hasBeginning › time:inXSDgYearMonth: 2014-12 → 2015-01"
            in lines)
    assert f'  - {charter} (id:charter/d5-charter) · dcterms:title: "D5 Charter"@en' in lines
    assert f'  + {tallinn} (id:summit/2015) · rdfs:comment: "Held in Tallinn."@en' in lines
    assert "Summits (Digital Nations website, leadingdigitalgovs.org) (id:source/leadingdigitalgovs-summits): " \
           "1 changed, 1 added, 1 removed" in lines
    assert len([line for line in lines if line.startswith("  ")]) == 4


def test_releases_and_data_folders_give_the_same_changes_as_revisions(repo, releases, tmp_path):
    by_revision = run("diff", "--repo", str(repo), "HEAD~1", "HEAD").splitlines()[1:]
    by_release = run("diff", str(releases[0]), str(releases[1])).splitlines()
    assert by_release[1:] == by_revision
    old_data = checkout(repo, "HEAD~1", tmp_path / "old") / "data"
    by_data = run("diff", "--root", str(repo), str(old_data), str(repo / "data")).splitlines()
    assert by_data[1:] == by_revision


@pytest.mark.parametrize("source", ["release", "revision"])
def test_sparql_update_turns_old_into_new(repo, releases, source):
    old, new = releases
    sides = (str(old), str(new)) if source == "release" else ("HEAD~1", "HEAD")
    script = run("diff", "--repo", str(repo), "--format", "sparql", *sides)
    # Both sides go through a pyoxigraph store, which keeps xsd:positiveInteger
    # values as xsd:integer ones.
    patched, expected = ox.Store(), ox.Store()
    patched.load(path=str(old / "dngraph.nq"), format=ox.RdfFormat.N_QUADS)
    patched.update(script)
    expected.load(path=str(new / "dngraph.nq"), format=ox.RdfFormat.N_QUADS)
    assert canonical(str(q) for q in patched) == canonical(str(q) for q in expected)
    assert canonical(quads(old / "dngraph.nq")) != canonical(quads(new / "dngraph.nq"))


def test_rdf_patch_turns_old_into_new(repo, releases):
    old, new = releases
    patch = run("diff", "--format", "rdfpatch", str(old), str(new)).splitlines()
    assert patch[0] == "TX ." and patch[-1] == "TC ."
    state = quads(old / "dngraph.nq")
    for row in patch[1:-1]:
        op, quad = row.split(" ", 1)
        parsed = {str(q) for q in ox.parse(quad.encode(), format=ox.RdfFormat.N_QUADS)}
        assert op in ("A", "D") and len(parsed) == 1
        state = state | parsed if op == "A" else state - parsed
    assert canonical(state) == canonical(quads(new / "dngraph.nq"))


def test_no_change_says_so(releases):
    assert run("diff", str(releases[0]), str(releases[0])).startswith(
        f"{releases[0]} → {releases[0]}: no change")
    assert run("diff", "--format", "sparql", str(releases[0]), str(releases[0])) == ""


def test_a_name_that_is_neither_folder_nor_revision_is_bad_input(repo):
    result = CliRunner().invoke(cli, ["diff", "--repo", str(repo), "HEAD~1", "no-such-rev"])
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and "no-such-rev: not a folder, nor a git revision" in result.output
