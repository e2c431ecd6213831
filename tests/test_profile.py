"""The ontology's OWL 2 profile, checked by tools written elsewhere.

``ontology/dngraph.ttl`` says it is an OWL 2 DL ontology in the OWL 2 RL profile (OWL 2
Profiles, section 4), and that with the data it stays in OWL 2 RL except for literals
of xsd:date, xsd:gYear and xsd:gYearMonth, which are outside the OWL 2 datatype map
(OWL 2 Structural Specification, section 4). Two independent tools check that claim:

- the OWL API's profile checkers ``OWL2DLProfile`` and ``OWL2RLProfile`` (Debian
  package libowlapi-java), run by ``tests/profile/ProfileCheck.java``, which this
  module compiles with the JDK;
- the HermiT reasoner, as bundled with owlready2, which refuses any datatype outside
  the OWL 2 datatype map.

``make test`` installs both (``make test-deps``). Each check is also run on a fixture
in ``tests/fixtures/profile/`` that breaks it, so the checks can fail.

One finding is not a violation: the OWL API 5 gives language-tagged literals the
RDF 1.1 datatype rdf:langString, which its RL checker rejects, whereas OWL 2 reads
them as rdf:PlainLiteral (Structural Specification, section 5.7), which OWL 2 RL
allows (Profiles, section 4.2); see https://github.com/owlcs/owlapi/issues/1158.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
from collections import namedtuple
from pathlib import Path

import pytest

from dngraph.load import load_dataset, union_graph
from dngraph.resources import Layout

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "ontology" / "dngraph.ttl"
CHECKER = Path(__file__).resolve().parent / "profile" / "ProfileCheck.java"
BROKEN = Path(__file__).resolve().parent / "fixtures" / "profile"
OWLAPI_JAR = Path("/usr/share/java/owlapi-distribution.jar")
SETUP = "run `make test-deps` (as root) to install it"

# Datatypes of the data's literals that the OWL 2 datatype map lacks.
OUTSIDE_MAP = {"xsd:date", "xsd:gYear", "xsd:gYearMonth"}
DATATYPE_KINDS = {"UseOfUndeclaredDatatype", "UseOfDefinedDatatypeInLiteral", "UseOfIllegalDataRange"}
LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

Finding = namedtuple("Finding", "profile kind text")


def _java_classpath(*dirs: Path) -> str:
    return ":".join([*(str(d) for d in dirs), str(OWLAPI_JAR.parent / "*")])


@pytest.fixture(scope="session")
def merged(tmp_path_factory) -> Path:
    """The ontology and every data file, as the build loads them, in one N-Triples file."""
    dataset, _ = load_dataset(Layout(ROOT))
    path = tmp_path_factory.mktemp("profile") / "ontology-and-data.nt"
    path.write_text(union_graph(dataset).serialize(format="nt", encoding="utf-8").decode("utf-8"), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def findings(tmp_path_factory, merged) -> dict[str, list[Finding]]:
    """The OWL API's findings for the ontology, ontology plus data, and each broken fixture."""
    if shutil.which("javac") is None or not OWLAPI_JAR.is_file():
        pytest.fail(f"the JDK or libowlapi-java is missing: {SETUP}")
    classes = tmp_path_factory.mktemp("profile-check")
    subprocess.run(["javac", "-cp", _java_classpath(), "-d", str(classes), str(CHECKER)],
                   check=True, capture_output=True, timeout=300)
    files = [ONTOLOGY, merged, *sorted(BROKEN.glob("*.ttl"))]
    done = subprocess.run(["java", "-cp", _java_classpath(classes), "ProfileCheck", *map(str, files)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode in (0, 1), done.stderr
    found: dict[str, list[Finding]] = {str(f): [] for f in files}
    for line in done.stdout.splitlines():
        file, profile, kind, text = line.split("\t", 3)
        found[file].append(Finding(profile, kind, text))
    return {Path(f).name: v for f, v in found.items()}


def _datatype(finding: Finding) -> str | None:
    """The datatype a datatype finding names, or None for any other finding."""
    if finding.kind not in DATATYPE_KINDS:
        return None
    match = re.match(r'(?:Use of undeclared datatype: |Use of data range not in profile: )(\S+) \[', finding.text)
    match = match or re.match(r'Use of defined datatype in datatype restriction ".*?"\^\^(\S+) \[', finding.text)
    return match.group(1) if match else None


def _allowed_with_data(finding: Finding) -> bool:
    datatype = _datatype(finding)
    if datatype in OUTSIDE_MAP:
        return True
    return finding.profile == "RL" and finding.kind == "UseOfIllegalDataRange" and datatype == LANGSTRING


def _lines(found: list[Finding]) -> str:
    return "\n".join("\t".join(f) for f in found)


def test_ontology_is_in_owl2_dl_and_rl(findings):
    assert findings[ONTOLOGY.name] == [], _lines(findings[ONTOLOGY.name])


def test_ontology_and_data_leave_the_profile_only_by_the_named_datatypes(findings, merged):
    """Every term the data uses is declared, nothing is punned; only literal datatypes remain."""
    rest = [f for f in findings[merged.name] if not _allowed_with_data(f)]
    assert rest == [], _lines(rest)


@pytest.mark.parametrize("fixture, expected", [
    ("punning.ttl", {("DL", "IllegalPunning"), ("RL", "IllegalPunning")}),
    ("undeclared.ttl", {("DL", "UseOfUndeclaredClass"), ("DL", "UseOfUndeclaredObjectProperty")}),
    ("gyear-range.ttl", {("DL", "UseOfUndeclaredDatatype"), ("RL", "UseOfIllegalDataRange")}),
    ("not-rl.ttl", {("RL", "UseOfNonSuperClassExpression")}),
])
def test_checker_flags_a_broken_ontology(findings, fixture, expected):
    got = findings[fixture]
    assert expected <= {(f.profile, f.kind) for f in got}
    if fixture == "not-rl.ttl":
        assert not [f for f in got if f.profile == "DL"]  # in OWL 2 DL, only outside RL


def _hermit(*args: str) -> subprocess.CompletedProcess:
    spec = importlib.util.find_spec("owlready2")
    if spec is None or shutil.which("java") is None:
        pytest.fail(f"owlready2 (HermiT) or java is missing: {SETUP}")
    home = Path(spec.origin).parent / "hermit"
    classpath = f"{home}:{home / 'HermiT.jar'}"
    return subprocess.run(["java", "-cp", classpath, "org.semanticweb.HermiT.cli.CommandLine", *args],
                          capture_output=True, text=True, timeout=600)


def test_hermit_classifies_the_ontology():
    done = _hermit("--classify", "--consistency", ONTOLOGY.as_uri())
    assert done.returncode == 0, done.stderr
    assert "owl#Thing is satisfiable" in done.stdout


def test_hermit_refuses_a_range_outside_the_datatype_map():
    done = _hermit("--consistency", (BROKEN / "gyear-range.ttl").as_uri())
    assert done.returncode != 0
    assert "UnsupportedDatatypeException" in done.stderr and "XMLSchema#gYear" in done.stderr


def test_hermit_finds_ontology_and_data_consistent_but_for_the_named_datatypes(merged):
    strict = _hermit("--consistency", merged.as_uri())
    if strict.returncode != 0:
        named = re.search(r"datatype '([^']+)' is not part of the OWL 2 datatype map", strict.stderr)
        assert named, strict.stderr
        assert named.group(1).replace("http://www.w3.org/2001/XMLSchema#", "xsd:") in OUTSIDE_MAP
    lenient = _hermit("--ignoreUnsupportedDatatypes", "--consistency", merged.as_uri())
    assert lenient.returncode == 0, lenient.stderr
    assert "owl#Thing is satisfiable" in lenient.stdout
