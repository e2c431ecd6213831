"""Each kind of bad input gives one line on stderr naming the file, line or parameter, and
the documented exit code (2 bad input, 3 internal error); never a traceback without --debug."""

from __future__ import annotations

import json
import os
import shutil
import stat

import pytest
from click.testing import CliRunner

import dngraph
from dngraph import resources
from dngraph.cli import cli
from dngraph.errors import LoadError
from dngraph.store import MANIFEST, seal, store_path

from conftest import FIXTURES, ROOT

LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"


def invoke(*args, **kwargs):
    try:
        runner = CliRunner(mix_stderr=False)  # click < 8.2
    except TypeError:
        runner = CliRunner()
    result = runner.invoke(cli, list(args), **kwargs)
    return result.exit_code, result.stdout, result.stderr


def one_line(stderr: str, *needles: str) -> str:
    """The single error line on stderr, checked to name each of ``needles``."""
    assert "Traceback" not in stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])
    return lines[0]


@pytest.fixture
def root(tmp_path):
    """A private copy of ontology/, data/ and queries/ that a test may break."""
    for name in ("ontology", "data", "queries"):
        shutil.copytree(ROOT / name, tmp_path / name)
    return tmp_path


def add_data(root, text: str, name: str = "broken.ttl"):
    path = root / "data" / "sources" / name
    path.write_text(f"# a file with one bad term\n\n{text}\n", encoding="utf-8")
    return path


# -- terms the later steps cannot carry ----------------------------------------------------------

@pytest.mark.parametrize("iri", ["https://w3id.org/dngraph/id/nation/a b",
                                 "https://w3id.org/dngraph/id/nation/a\\u0020b",
                                 "https://w3id.org/dngraph/id/nation/a{b}"])
@pytest.mark.parametrize("command", [["validate"], ["stats"], ["query", "chairs"]])
def test_iri_turtle_cannot_write_is_refused_at_load(root, iri, command):
    add_data(root, f'<{iri}> {LABEL} "x" .')
    code, out, err = invoke(*command, "--root", str(root))
    assert code == 2
    line = one_line(err, "broken.ttl:3:", "IRI")
    assert line.startswith("error: ")


@pytest.mark.parametrize("command, says", [
    (["validate"], "U+D800, half of a UTF-16 surrogate pair"),  # rdflib parses, dngraph.wellformed refuses
    (["stats"], "'\\uD800' is encoding D800 that is not a valid unicode character"),  # pyoxigraph refuses
    (["stats", "--reasoner", "owlrl"], "U+D800, half of a UTF-16 surrogate pair"),
])
def test_lone_surrogate_literal_is_refused_at_load(root, command, says):
    add_data(root, f'<https://w3id.org/dngraph/id/nation/zz> {LABEL} "half \\uD800 pair"@en .')
    code, _, err = invoke(*command, "--root", str(root))
    assert code == 2
    one_line(err, "broken.ttl:3:", says)


def test_oversized_literal_is_refused_at_load(root):
    add_data(root, f'<https://w3id.org/dngraph/id/nation/zz> {LABEL} "{"x" * 1_100_000}" .')
    code, _, err = invoke("query", "chairs", "--root", str(root))
    assert code == 2
    one_line(err, "broken.ttl:3:", "1100000 bytes", "limit")


def test_a_store_that_does_not_open_is_rebuilt_not_trusted(tmp_path):
    kg = dngraph.open(ROOT, tmp_path)
    kg.store
    path = store_path(kg.layout, tmp_path, kg.reasoner)
    del kg
    # Sealed again after the damage, so the manifest matches, yet the store does not open.
    (path / "CURRENT").write_text("not a RocksDB manifest name\n")
    manifest = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
    seal(path, manifest)
    code, out, err = invoke("stats", "--cache-dir", str(tmp_path))
    assert code == 0, err
    assert "dn:Nation" in out
    assert "not a RocksDB" not in (path / "CURRENT").read_text()
    assert not dngraph.open(ROOT, tmp_path).built


@pytest.mark.parametrize("reasoner", ["rules", "owlrl"])
def test_oversized_literal_is_refused_whichever_parser_reads_it(root, reasoner):
    add_data(root, f'<https://w3id.org/dngraph/id/nation/zz> {LABEL} "{"x" * 1_100_000}" .')
    with pytest.raises(LoadError) as caught:
        dngraph.open(root, root / "cache", reasoner=reasoner).store
    assert caught.value.line == 3 and caught.value.path.endswith("broken.ttl")
    assert "1100000 bytes" in str(caught.value)


@pytest.mark.parametrize("command", [["query", "summits"], ["sparql", "-q", "ASK { ?s ?p ?o }"], ["stats"]])
def test_an_inconsistent_graph_is_one_line_exit_1(root, tmp_path, command):
    shutil.copy(FIXTURES / "clashes" / "cax-dw-inferred.ttl", root / "data" / "sources")
    code, out, err = invoke(*command, "--root", str(root), "--cache-dir", str(tmp_path / "c"))
    assert code == 1
    assert out == ""
    line = one_line(err, "error: ", "inconsistent", "summit/1999", "cax-dw-inferred.ttl")
    assert line.startswith("error: the graph is inconsistent")


# -- files that cannot be read ---------------------------------------------------------------------

def test_unreadable_data_file_is_named(root):
    (root / "data" / "sources" / "gone.ttl").symlink_to(root / "nowhere.ttl")
    code, _, err = invoke("validate", "--root", str(root))
    assert code == 2
    one_line(err, "gone.ttl", "cannot read file")


def test_folder_named_ttl_is_refused(root):
    (root / "data" / "sources" / "folder.ttl").mkdir()
    code, _, err = invoke("stats", "--root", str(root))
    assert code == 2
    one_line(err, "folder.ttl", "is a folder")


def test_folder_named_rq_spoils_only_itself(root):
    (root / "queries" / "folder.rq").mkdir()
    code, out, err = invoke("queries", "--root", str(root))
    assert code == 2
    assert "chairs: Forum chairs by year" in out
    one_line(err, "folder.rq", "is a folder")
    code, _, err = invoke("sparql", str(root / "queries" / "folder.rq"), "--root", str(root))
    assert code == 2
    one_line(err, "folder.rq", "is a folder")


def test_saved_query_not_utf8_spoils_only_itself(root):
    (root / "queries" / "latin1.rq").write_bytes(b"# title: Caf\xe9\nSELECT * WHERE { ?s ?p ?o }\n")
    code, out, err = invoke("query", "chairs", "-f", "csv", "--root", str(root))
    assert code == 0, err
    assert out.startswith("year,nation,")
    code, _, err = invoke("query", "latin1", "--root", str(root))
    assert code == 2
    one_line(err, "latin1.rq:1:", "not UTF-8")
    code, out, err = invoke("queries", "--root", str(root))
    assert code == 2 and "members: Member nations" in out
    one_line(err, "latin1.rq:1:", "not UTF-8")


def test_missing_library_query_is_an_internal_error(monkeypatch, tmp_path):
    monkeypatch.setattr(resources, "SPARQL_DIR", tmp_path)
    code, _, err = invoke("stats")
    assert code == 3
    one_line(err, "stats-by-class.rq", "reinstall")


def test_stats_needs_no_queries_folder(root):
    shutil.rmtree(root / "queries")
    code, out, err = invoke("stats", "--root", str(root))
    assert code == 0, err
    assert any(line.split() == ["dn:Nation", "12"] for line in out.splitlines())


# -- parameters --------------------------------------------------------------------------------

@pytest.mark.parametrize("value", ["9" * 5000, str(2**63), str(-2**63 - 1)])
def test_huge_integer_parameter_is_refused(value):
    code, out, err = invoke("query", "themes", "--param", f"min={value}")
    assert code == 2 and out == ""
    line = one_line(err, "parameter 'min'", "integer")
    assert len(line) < 200


def test_largest_integer_parameter_is_accepted():
    code, out, err = invoke("query", "themes", "--param", f"min={2**63 - 1}", "-f", "csv")
    assert code == 0, err
    assert out.splitlines() == ["theme,themeLabel,uses,sources,definition"]


# -- shapes ------------------------------------------------------------------------------------

def test_shapes_file_with_a_syntax_error_is_named_with_its_line(root):
    shapes = root / "ontology" / "shapes.ttl"
    lines = shapes.read_text(encoding="utf-8").splitlines()
    lines.insert(9, "this is not turtle")
    shapes.write_text("\n".join(lines), encoding="utf-8")
    code, _, err = invoke("validate", "--root", str(root))
    assert code == 2
    one_line(err, "shapes.ttl:10:", "Turtle syntax error")


def test_shapes_file_that_is_not_shacl_is_named(root):
    shapes = root / "ontology" / "shapes.ttl"
    with shapes.open("a", encoding="utf-8") as handle:
        handle.write("\n<urn:shape> a sh:NodeShape ; sh:targetClass dn:Nation ; sh:property [ sh:minCount 1 ] .\n")
    code, _, err = invoke("validate", "--root", str(root))
    assert code == 2
    one_line(err, "shapes.ttl", "not well-formed SHACL")


# -- the shell itself --------------------------------------------------------------------------

def test_unexpected_exception_is_one_line_and_exit_3(monkeypatch):
    def boom(self):
        raise RuntimeError("boom")

    monkeypatch.setattr(dngraph.KnowledgeGraph, "stats", boom)
    code, _, err = invoke("stats")
    assert code == 3
    one_line(err, "error: internal error: RuntimeError: boom", "--debug")
    code, _, err = invoke("--debug", "stats")
    assert code == 3
    assert "Traceback" in err and "RuntimeError: boom" in err
    assert err.strip().splitlines()[-1].startswith("error: internal error:")


def test_usage_errors_are_one_line_and_exit_2():
    code, _, err = invoke("query", "chairs", "--format", "xml")
    assert code == 2
    one_line(err, "dngraph query", "--format")
    code, _, err = invoke("no-such-command")
    assert code == 2
    one_line(err, "no-such-command")


# -- -o FILE -------------------------------------------------------------------------------------

QUERY = "SELECT ?code WHERE { ?n dn:iso3166Alpha2 ?code } ORDER BY ?code"


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o027, 0o640)])
def test_output_file_gets_the_umask_permissions(tmp_path, umask, mode):
    old = os.umask(umask)
    try:
        code, _, err = invoke("sparql", "-q", QUERY, "-f", "csv", "-o", str(tmp_path / "codes.csv"))
    finally:
        os.umask(old)
    assert code == 0, err
    assert stat.S_IMODE((tmp_path / "codes.csv").stat().st_mode) == mode
    assert "CA" in (tmp_path / "codes.csv").read_text().splitlines()


def test_output_keeps_the_mode_of_the_file_it_replaces(tmp_path):
    target = tmp_path / "codes.csv"
    target.write_text("old")
    target.chmod(0o600)
    assert invoke("sparql", "-q", QUERY, "-f", "csv", "-o", str(target))[0] == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o600 and target.read_text() != "old"


def test_output_never_replaces_a_symlink(tmp_path):
    target = tmp_path / "target.csv"
    target.write_text("kept")
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    code, _, err = invoke("sparql", "-q", QUERY, "-f", "csv", "-o", str(link))
    assert code == 2
    one_line(err, "link.csv", "symbolic link")
    assert link.is_symlink() and target.read_text() == "kept"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.csv", "target.csv"]


def test_output_never_replaces_a_fifo(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    code, _, err = invoke("sparql", "-q", QUERY, "-f", "csv", "-o", str(fifo))
    assert code == 2
    one_line(err, "pipe", "FIFO")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_output_never_replaces_a_device(monkeypatch, tmp_path):
    from dngraph import output
    from dngraph.errors import OutputError

    device = os.stat_result((stat.S_IFCHR | 0o666,) + (0,) * 9)
    monkeypatch.setattr(output.os, "lstat", lambda path: device)
    with pytest.raises(OutputError, match="device"):
        output.write_output(tmp_path / "null", "text")
    assert not (tmp_path / "null").exists()
