"""Pictures: ``kg.plot(kind, fmt)`` and ``dngraph plot timeline|network -o FILE``."""

from __future__ import annotations

import struct
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner

from dngraph.cli import cli

from conftest import ROOT

SVG = "{http://www.w3.org/2000/svg}"


def _texts(svg: bytes) -> str:
    """All the text an SVG shows, one string per <text> element, joined by newlines."""
    root = ET.fromstring(svg)
    return "\n".join("".join(element.itertext()) for element in root.iter(SVG + "text"))


@pytest.fixture(scope="module")
def timeline_svg(kg):
    return kg.plot("timeline", "svg")


def test_timeline_shows_every_member_and_every_summit_year(kg, timeline_svg):
    texts = _texts(timeline_svg)
    members = {row["nationLabel"] for row in kg.query("members").rows}
    years = {row["year"] for row in kg.query("summits").rows if row.get("year")}
    assert len(members) >= 10 and len(years) >= 8
    shown = texts.splitlines()
    assert members <= set(shown)  # each nation labels its own row
    for year in years:
        assert any(line.startswith(f"{year}: ") for line in shown), year


def test_timeline_shows_chairs_and_names(kg, timeline_svg):
    texts = _texts(timeline_svg)
    for row in kg.query("chairs").rows:
        assert row["nationLabel"] in texts
    names: dict = {}
    for row in kg.query("name-history").rows:  # a name the sources date, by any of its short forms
        if row.get("from") or row.get("inUseBy"):
            names.setdefault(row["name"], set()).add(row["shortName"])
    assert len(names) >= 4
    assert all(any(short in texts for short in shorts) for shorts in names.values())


def test_network_shows_every_nation_and_working_group(kg):
    texts = _texts(kg.plot("network", "svg"))
    for cls in ("Nation", "WorkingGroup"):
        labels: dict = {}  # a thing may have several English labels; the picture shows one
        for row in kg.sparql(
                "SELECT ?x ?label ?class WHERE { ?x a ?class ; <http://www.w3.org/2000/01/rdf-schema#label> ?label "
                "FILTER(LANGMATCHES(LANG(?label), 'en')) }",
                **{"class": _iri("https://w3id.org/dngraph/ontology#" + cls)}).rows:
            labels.setdefault(row["x"], set()).add(row["label"])
        assert labels, cls
        for thing, names in labels.items():
            assert any(name[:40] in texts for name in names), thing


def _iri(value):
    import pyoxigraph

    return pyoxigraph.NamedNode(value)


@pytest.mark.parametrize("kind", ["timeline", "network"])
def test_png_has_the_signature_and_a_sane_size(kg, kind):
    png = kg.plot(kind, "png")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    assert 600 <= width <= 4000 and 300 <= height <= 4000
    assert 10_000 < len(png) < 5_000_000


@pytest.mark.parametrize("kind, fmt", [("timeline", "svg"), ("network", "svg"), ("timeline", "png")])
def test_same_graph_gives_the_same_bytes(kg, kind, fmt):
    assert kg.plot(kind, fmt) == kg.plot(kind, fmt)


def test_unknown_kind_or_format_is_bad_input(kg):
    from dngraph.errors import DngraphError

    with pytest.raises(DngraphError, match="picture 'pie'"):
        kg.plot("pie")
    with pytest.raises(DngraphError, match="picture format 'gif'"):
        kg.plot("timeline", "gif")


def test_cli_writes_the_file_named_and_nothing_else(tmp_path):
    target = tmp_path / "pictures" / "timeline.svg"
    out = CliRunner().invoke(cli, ["plot", "timeline", "-o", str(target), "--root", str(ROOT)])
    assert out.exit_code == 0, out.output
    ET.fromstring(target.read_bytes())
    assert sorted(p.name for p in target.parent.iterdir()) == ["timeline.svg"]
    png = tmp_path / "network.png"
    out = CliRunner().invoke(cli, ["plot", "network", "-o", str(png), "--root", str(ROOT)])
    assert out.exit_code == 0 and png.read_bytes()[:4] == b"\x89PNG"


def test_cli_refuses_a_file_it_cannot_name_a_format_for(tmp_path):
    out = CliRunner().invoke(cli, ["plot", "timeline", "-o", str(tmp_path / "t.gif"), "--root", str(ROOT)])
    assert out.exit_code == 2
    assert "cannot tell the picture format" in out.output
    assert not (tmp_path / "t.gif").exists()


def test_queries_do_not_load_matplotlib(cache_dir):
    code = ("import sys, dngraph; kg = dngraph.open(sys.argv[1], cache_dir=sys.argv[2]); kg.query('members'); "
            "print('matplotlib' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code, str(ROOT), str(cache_dir)],
                         capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
