"""The CLI as a person uses it: exit codes, messages, help on every command."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from dngraph.cli import cli

from conftest import ROOT


def run(*args, root: Path | None = None):
    argv = list(args)
    if root is not None:
        argv += ["--root", str(root)]
    return CliRunner().invoke(cli, argv, catch_exceptions=False)


@pytest.fixture
def copy_root(tmp_path):
    """A private copy of ontology/, data/ and queries/ that a test may break."""
    for name in ("ontology", "data", "queries"):
        shutil.copytree(ROOT / name, tmp_path / name)
    return tmp_path


def test_each_command_is_named_with_the_module_that_holds_it_and_only_that_module_loads():
    import importlib

    from dngraph.cli import COMMAND_MODULES

    held = {c.name: m for m in set(COMMAND_MODULES.values()) for c in importlib.import_module(m).COMMANDS}
    assert held == COMMAND_MODULES
    assert set(cli.list_commands(None)) == set(COMMAND_MODULES)
    code = ("import sys\nfrom dngraph.cli import cli\ncli.get_command(None, 'queries')\n"
            "print(sorted(m for m in sys.modules if m.startswith('dngraph.cli_')))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "['dngraph.cli_inspect']"


def test_every_command_has_help_with_an_example_and_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in cli.list_commands(None):
        result = run(name, "--help")
        assert result.exit_code == 0
        assert "Example:" in result.output, name
        assert f"dngraph {name}" in readme, f"README does not show 'dngraph {name}'"


def test_stats_counts_sources_and_classes():
    result = run("stats")
    assert result.exit_code == 0
    # Ten member nations plus the United States and Australia, which one source names.
    assert any(line.split() == ["dn:Nation", "12"] for line in result.output.splitlines())
    assert "UK backs digital government declaration" in result.output


def test_turtle_syntax_error_names_file_and_line(copy_root):
    target = copy_root / "data" / "sources" / "joining-forces-for-canada.ttl"
    lines = target.read_text(encoding="utf-8").splitlines()
    lines.insert(20, 'this is not turtle "')
    target.write_text("\n".join(lines), encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", "--root", str(copy_root)])
    assert result.exit_code == 2
    assert "joining-forces-for-canada.ttl:21" in result.output
    assert "Traceback" not in result.output


def test_console_script_runs_as_a_module():
    done = subprocess.run([sys.executable, "-m", "dngraph", "--version"], capture_output=True, text=True)
    assert done.returncode == 0
    assert "dngraph" in done.stdout


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json", "markdown"])
def test_every_saved_query_runs_in_every_format(fmt):
    from test_query_parity import NAMES, REQUIRED

    assert len(NAMES) >= 15
    for name in NAMES:
        args = ["query", name, "--format", fmt]
        for key, value in REQUIRED.get(name, {}).items():
            args += ["--param", f"{key}={value}"]
        result = run(*args)
        assert result.exit_code == 0, (name, result.output)
        assert result.output.strip(), name


def test_queries_lists_names_titles_and_parameters():
    result = run("queries")
    assert result.exit_code == 0
    assert "members: Member nations" in result.output
    assert "--param on=...  date as YYYY-MM-DD, optional." in result.output
    assert "--param nation=...  IRI of a dn:Nation, required." in result.output


def test_no_infer_hides_entailments():
    # Asserted: the 2021 Charter was dn:signedAt the 2021 summit (the editors' reading of
    # [004]); dn:adoptedAt (its superproperty) is only entailed.
    query = ("ASK { <https://w3id.org/dngraph/id/charter/2021-digital-nations-charter> "
             "<https://w3id.org/dngraph/ontology#adoptedAt> <https://w3id.org/dngraph/id/summit/2021> }")
    assert run("sparql", "--query", query).output.strip() == "yes"
    assert run("sparql", "--query", query, "--no-infer").output.strip() == "no"


def test_the_auth_option_offers_exactly_the_endpoints_schemes_and_help_loads_no_http_layer():
    from dngraph.endpoint import AUTH_SCHEMES

    for name in ("query", "sparql", "export", "serve", "push"):
        (auth,) = [p for p in cli.get_command(None, name).params if p.name == "auth"]
        assert tuple(auth.type.choices) == AUTH_SCHEMES, name
    loaded = subprocess.run([sys.executable, "-c", "import sys; from dngraph.cli import cli; "
                             "print('dngraph.endpoint' in sys.modules)"], capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "False"
