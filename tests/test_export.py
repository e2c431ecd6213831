"""dngraph export: every format read back by a parser other than its writer, the
graphs chosen, byte-identical output from two separate builds, and the CLI's errors.

Expected graphs come from rdflib's own reading of the data files (load.py), not
from the store the export reads, so the two paths check each other.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner

from dngraph.cli import cli
from dngraph.load import load_dataset
from dngraph.namespaces import INFERRED_GRAPH, ONTOLOGY_IRI, SOURCE
from dngraph.resources import Layout

from conftest import ROOT
from rdfcompare import same

EDITORIAL = SOURCE + "editors-reading"


@pytest.fixture(scope="module")
def files_dataset():
    """The data files as rdflib reads them: graph IRI -> rdflib Graph."""
    dataset, _ = load_dataset(Layout(ROOT))
    return {str(g.identifier): g for g in dataset.graphs() if len(g)}


def merged(graphs) -> rdflib.Graph:
    out = rdflib.Graph()
    for graph in graphs:
        for triple in graph:
            out.add(triple)
    return out


def via_pyoxigraph(payload: bytes, fmt) -> dict:
    """Parse with pyoxigraph, hand over as N-Quads: graph IRI ('' default) -> rdflib Graph."""
    quads = list(ox.parse(payload, format=fmt))
    text = ox.serialize(quads, format=ox.RdfFormat.N_QUADS).decode("utf-8")
    return read_nquads(text)


def read_nquads(text: str) -> dict:
    dataset = rdflib.Dataset()
    dataset.parse(data=text, format="nquads")
    graphs = {}
    for graph in dataset.graphs():
        name = "" if graph.identifier == rdflib.graph.DATASET_DEFAULT_GRAPH_ID else str(graph.identifier)
        if len(graph):
            graphs[name] = graph
    return graphs


def via_rdflib(payload: bytes, fmt: str) -> dict:
    if fmt in ("nquads", "trig"):
        dataset = rdflib.Dataset()
        dataset.parse(data=payload.decode("utf-8"), format=fmt)
        return {str(g.identifier): g for g in dataset.graphs() if len(g)}
    graph = rdflib.Graph()
    graph.parse(data=payload.decode("utf-8"), format={"ntriples": "nt", "rdfxml": "xml"}.get(fmt, fmt))
    return {"": graph}


def asserted(files_dataset) -> dict:
    return {iri: g for iri, g in files_dataset.items() if iri not in (EDITORIAL, ONTOLOGY_IRI)}


@pytest.mark.parametrize("fmt,reader", [
    ("turtle", lambda p: via_pyoxigraph(p, ox.RdfFormat.TURTLE)),
    ("ntriples", lambda p: via_rdflib(p, "ntriples")),
    ("rdfxml", lambda p: via_rdflib(p, "rdfxml")),
])
def test_triple_formats_read_back_as_the_merge_of_the_asserted_sources(kg, files_dataset, fmt, reader):
    graphs = reader(kg.export(fmt))
    assert list(graphs) == [""]
    assert same(graphs[""], merged(asserted(files_dataset).values()))


@pytest.mark.parametrize("fmt,reader", [
    ("nquads", lambda p: via_rdflib(p, "nquads")),
    ("trig", lambda p: via_rdflib(p, "trig")),
])
def test_quad_formats_keep_one_named_graph_per_source(kg, files_dataset, fmt, reader):
    graphs = reader(kg.export(fmt))
    expected = asserted(files_dataset)
    assert sorted(graphs) == sorted(expected)
    assert EDITORIAL not in graphs and ONTOLOGY_IRI not in graphs
    for iri, graph in expected.items():
        assert same(graphs[iri], graph), iri


def test_all_graphs_with_the_ontology_in_trig_and_nquads_agree_across_parsers(kg, files_dataset):
    trig = via_pyoxigraph(kg.export("trig", graphs="all", with_ontology=True), ox.RdfFormat.TRIG)
    nquads = via_rdflib(kg.export("nquads", graphs="all", with_ontology=True), "nquads")
    assert sorted(trig) == sorted(nquads) == sorted(list(files_dataset) + [INFERRED_GRAPH])
    assert same(trig, nquads)
    for iri, graph in files_dataset.items():
        assert same(nquads[iri], graph), iri
    # The inferred graph shares blank nodes with the source graphs: the intervals the
    # sources state are the ones it types, so the export keeps them one node.
    shared = {o for g in nquads.values() for o in g.objects() if isinstance(o, rdflib.BNode)}
    typed = set(nquads[INFERRED_GRAPH].subjects()) & shared
    assert typed


def test_editorial_and_source_choose_single_graphs(kg, files_dataset):
    assert sorted(via_rdflib(kg.export("nquads", graphs="editorial"), "nquads")) == [EDITORIAL]
    both = via_rdflib(kg.export("nquads", sources=["joining-forces-for-canada", "wikidata"]), "nquads")
    assert sorted(both) == [SOURCE + "joining-forces-for-canada", SOURCE + "wikidata"]
    one = via_rdflib(kg.export("ntriples", sources=["joining-forces-for-canada"]), "ntriples")[""]
    assert same(one, files_dataset[SOURCE + "joining-forces-for-canada"])


EXPORT_SCRIPT = """
import sys
from pathlib import Path
import dngraph
kg = dngraph.open(sys.argv[1], cache_dir=sys.argv[2])
out = Path(sys.argv[3])
for fmt in ("turtle", "ntriples", "nquads", "trig", "jsonld", "rdfxml"):
    (out / fmt).write_bytes(kg.export(fmt, graphs="all", with_ontology=True))
for frame in ("nation", "summit"):
    (out / frame).write_bytes(kg.export("jsonld", frame=frame))
"""


def test_two_separate_builds_export_the_same_bytes(tmp_path):
    outputs = []
    for run, seed in (("a", "1"), ("b", "2")):
        out = tmp_path / f"out-{run}"
        out.mkdir()
        env = dict(os.environ, PYTHONHASHSEED=seed)
        done = subprocess.run([sys.executable, "-c", EXPORT_SCRIPT, str(ROOT), str(tmp_path / f"cache-{run}"),
                               str(out)], env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        outputs.append({p.name: p.read_bytes() for p in out.iterdir()})
    assert sorted(outputs[0]) == ["jsonld", "nation", "nquads", "ntriples", "rdfxml", "summit", "trig", "turtle"]
    for name, payload in outputs[0].items():
        assert payload == outputs[1][name], name
        assert payload.strip(), name


def cli_run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.mark.parametrize("args,names", [
    (["--source", "joining-forces-for-canda"], "joining-forces-for-canada"),
    (["--graphs", "inferd"], "inferred"),
    (["--frame", "nations"], "nation"),
])
def test_unknown_names_get_one_line_with_the_close_names_and_exit_2(args, names):
    result = cli_run("export", *args)
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and names in lines[0] and "Traceback" not in result.output


@pytest.mark.parametrize("args", [
    ["--graphs", "editorial", "--source", "wikidata"],
    ["--format", "turtle", "--frame", "nation"],
    ["--format", "n3"],
])
def test_contradictory_or_bad_options_exit_2(args):
    result = cli_run("export", *args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_output_file_is_written_whole_with_normal_permissions(tmp_path):
    target = tmp_path / "out" / "graph.nt"
    old = os.umask(0o022)
    try:
        result = cli_run("export", "--format", "ntriples", "-o", str(target))
    finally:
        os.umask(old)
    assert result.exit_code == 0 and result.output == ""
    assert oct(target.stat().st_mode & 0o777) == oct(0o644)
    assert [p.name for p in target.parent.iterdir()] == ["graph.nt"]
    assert target.read_bytes() == cli_run("export", "--format", "ntriples").output.encode("utf-8")
