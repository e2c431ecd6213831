"""The benchmark: its graph generator (deterministic, of the project's shape, valid) and its command."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pytest
import rdflib

import dngraph

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generate import STAMP, generate, generated  # noqa: E402

DN = rdflib.Namespace("https://w3id.org/dngraph/ontology#")
SOURCE = "https://w3id.org/dngraph/id/source/"


def digest(root: Path) -> dict:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted((root / "data").rglob("*.ttl"))}


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    root = tmp_path_factory.mktemp("bench-1e3")
    return root, generate(1000, root)


@pytest.mark.parametrize("size", [1000, 10000])
def test_generated_graph_conforms_to_the_shapes(size, small, tmp_path):
    root = small[0] if size == 1000 else tmp_path / "root"
    if size != 1000:
        generate(size, root)
    report = dngraph.open(root, cache_dir=tmp_path / "cache").validate()
    assert report.conforms, report.summary()


def test_same_size_gives_byte_identical_files(small, tmp_path):
    root, summary = small
    again = generate(1000, tmp_path / "again")
    assert again["triples"] == summary["triples"]
    assert digest(tmp_path / "again") == digest(root)
    other = generate(2000, tmp_path / "other")
    assert digest(tmp_path / "other") != digest(root)


def test_size_is_about_the_target_and_counted_exactly(small, tmp_path):
    root, summary = small
    kg = dngraph.open(root, cache_dir=tmp_path / "cache")
    asserted = kg.sparql("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
                         f"FILTER(STRSTARTS(STR(?g), '{SOURCE}')) }}").rows[0]["n"]
    assert asserted == summary["triples"]
    assert 1000 <= summary["triples"] <= 1200


def test_each_file_is_a_source_document_of_the_projects_shape(small):
    root, _ = small
    files = sorted((root / "data" / "sources").glob("*.ttl"))
    assert len(files) >= 3
    assert (root / "ontology" / "dngraph.ttl").read_bytes() == (ROOT / "ontology" / "dngraph.ttl").read_bytes()
    assert sorted(p.name for p in (root / "queries").glob("*.rq")) == \
        sorted(p.name for p in (ROOT / "queries").glob("*.rq"))
    classes = set()
    for path in files:
        graph = rdflib.Graph().parse(path, format="turtle")
        assert (rdflib.URIRef(SOURCE + path.stem), rdflib.RDF.type, DN.SourceDocument) in graph
        classes |= set(graph.objects(None, rdflib.RDF.type))
    wanted = {"Nation", "ForumMembership", "ChairTerm", "MinisterialSummit", "Declaration", "Principle",
              "WorkingGroup", "Report", "Person", "Post", "GovernmentOrganization", "Target", "Theme"}
    assert {DN[name] for name in wanted} <= classes
    assert rdflib.URIRef("http://www.w3.org/2006/time#Interval") in classes


def test_members_query_answers_every_generated_nation(small, tmp_path):
    root, summary = small
    rows = dngraph.open(root, cache_dir=tmp_path / "cache").query("members").rows
    assert len(rows) == summary["nations"]
    assert all(row["joined"] for row in rows)


STEPS = {"build (cold)", "query (CLI, warm)", "query (API, warm)", "validate", "validate (cached report)",
         "export turtle", "export ntriples", "export jsonld", "link"}
OPTIONAL = {"reasonable closure": "reasonable", "pyrudof (SHACL Core shapes)": "pyrudof", "link": None}


def test_bench_command_measures_every_step_beside_its_baseline(tmp_path):
    """``python -m bench`` at the smallest size: the figures are not asserted, what was measured is."""
    import importlib.util
    import json
    import subprocess

    from bench import report

    out = tmp_path / "bench.json"
    done = subprocess.run([sys.executable, "-m", "bench", "--sizes", "1000", "--runs", "1", "--startup-runs", "1", "--json", str(out),
                           "--workdir", str(tmp_path / "work")],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(out.read_text())
    assert result["runs"] == 1 and result["machine"]["cpus"] >= 1
    (size,) = result["sizes"]
    assert size["label"] == "1000" and 1000 <= size["triples"] <= 1200
    assert set(size["steps"]) == STEPS
    for name, measure in {**size["steps"], **size["baselines"]}.items():
        if name in OPTIONAL and measure["status"] == "not available":
            module = OPTIONAL[name]
            assert module is None or importlib.util.find_spec(module) is None, name
            continue
        assert measure["status"] == "ok", (name, measure)
        assert measure["median_s"] > 0 and measure["peak_mb"] > 0 and measure["runs_s"]
    if "link" not in result["commands"]:
        assert size["steps"]["link"]["status"] == "not available"
    for step, baseline in size["pairs"]:
        assert step in size["steps"] and baseline in size["baselines"]
    assert {"pyoxigraph load + query", "pyoxigraph load (on disk)", "owlrl closure", "dngraph build with owlrl", "pySHACL", "pyoxigraph query (in-process)"} <= set(size["baselines"])
    assert "| build (cold)" in done.stdout and "| ratio" in done.stdout
    assert {"dngraph --help", "dngraph queries", "dngraph query members (warm)"} <= set(result["startup"])
    assert all(f["cpu"]["baseline_s"] > 0 and f["wall"]["ratio"] > 0 for f in result["startup"].values())
    compared = report.compare(result, result)
    assert compared.count("| 1.00") == sum(1 for m in {**size["steps"], **size["baselines"]}.values()
                                           if m["status"] == "ok")


def test_growth_is_the_time_ratio_over_the_triple_ratio():
    from bench import report

    def size(label, triples, seconds):
        return {"label": label, "triples": triples, "steps": {
            "build (cold)": {"status": "ok", "median_s": seconds}, "link": {"status": "over budget", "median_s": None}}}

    result = {"sizes": [size("shipped", 4000, 0.3), size("1000", 1000, 0.2), size("10000", 10000, 1.0),
                        size("100000", 100000, 20.0)]}
    rows = [line.split("|")[1:-1] for line in report.growth_table(result).splitlines()[2:]]
    assert [[c.strip() for c in row] for row in rows] == [["build (cold)", "0.50", "2.00"], ["link", "-", "-"]]
    assert report.growth_table({"sizes": [size("1000", 1000, 0.2)]}) == ""


def test_a_graph_generated_before_is_used_again_only_when_it_is_the_same(tmp_path):
    first = generated(1000, tmp_path / "g")
    assert not first.get("reused") and (tmp_path / "g" / STAMP).exists()
    files = digest(tmp_path / "g")
    again = generated(1000, tmp_path / "g")
    assert again["reused"] and again["triples"] == first["triples"] and digest(tmp_path / "g") == files
    other = generated(2000, tmp_path / "g")  # another size in the same folder: written anew
    assert not other.get("reused") and digest(tmp_path / "g") != files
    (tmp_path / "g" / STAMP).write_text("{not json", encoding="utf-8")
    assert not generated(2000, tmp_path / "g").get("reused")


def test_repeats_stop_at_the_repeat_budget_and_the_table_says_how_many_runs(tmp_path):
    from bench import report
    from bench.measure import repeat

    sleep = [sys.executable, "-c", "import time; time.sleep(0.3)"]
    slow = repeat(sleep, 5, limit=10, total=0.5)  # the second run passes 0.5 s together
    assert slow.status == "ok" and len(slow.seconds) == 2
    assert len(repeat(sleep, 3, limit=10).seconds) == 3  # no repeat budget: the run limit
    size = {"label": "1000", "triples": 1000, "files": 2, "pairs": [["build (cold)", "owlrl closure"]],
            "steps": {"build (cold)": slow.to_json()},
            "baselines": {"owlrl closure": {"status": "over budget", "median_s": None, "runs_s": [60.0],
                                            "peak_mb": None}}}
    row = [c.strip() for c in report.size_table(size).splitlines()[3].split("|")[1:-1]]
    assert row[report.HEADER.index("runs")] == "2 / -"


def test_an_item_projected_past_the_budget_is_skipped_not_run():
    from bench.measure import Measure
    from bench.steps import Bench

    bench = Bench.__new__(Bench)
    bench.budget, bench.history = 60.0, {
        "pySHACL": [(1000, Measure(seconds=[2.0])), (10000, Measure(seconds=[13.0]))],
        "owlrl closure": [(1000, Measure(seconds=[1.9])), (10000, Measure(seconds=[5.3]))],
        "slow": [(1000, Measure(status="over budget", seconds=[60.0]))]}
    assert bench.skipped("pySHACL", 100000) == "skipped: over budget (projected 123 s)"
    assert bench.skipped("owlrl closure", 100000) is None  # 39 s: within the budget, run
    assert bench.skipped("slow", 10000) == "skipped: over budget"
    assert bench.skipped("never measured", 10**6) is None
    assert bench.skipped("owlrl closure", 100000, limit=20.0) == "skipped: over budget (projected 39 s)"


def test_a_baseline_is_stopped_at_its_own_budget_and_a_step_at_the_step_budget(tmp_path):
    from bench.steps import Bench, Size

    bench = Bench.__new__(Bench)
    bench.runs, bench.budget, bench.baseline_budget, bench.repeat_budget = 3, 10.0, 0.5, 5.0
    bench.history, bench.env, bench.log = {}, None, lambda line: None
    size = Size("1000", tmp_path, 1000, 1)
    sleep = [sys.executable, "-c", "import time; time.sleep(1.5)"]
    base = bench.item(size, "baseline", "slow library", sleep)
    assert base.status == "over budget (stopped at 0.5 s)" and base.median is None
    assert 0.5 <= base.seconds[0] < 1.5  # killed, not waited for
    step = bench.item(size, "step", "slow step", sleep)
    assert step.status == "ok" and step.median >= 1.5 and len(step.seconds) == 3
    yardstick = bench.item(size, "baseline", "pyoxigraph load (on disk)", sleep)  # a target's: the step budget
    assert yardstick.status == "ok" and yardstick.median >= 1.5
    assert bench.skipped("slow library", 10000) == "skipped: over budget"  # not tried again
