"""The commands that write for others: ``release``, ``diff``, ``docs`` and ``plot``.

Each parses its options, calls one method of :class:`dngraph.api.KnowledgeGraph` and
prints; :mod:`dngraph.cli` registers them on the ``dngraph`` group.
"""

from __future__ import annotations

import click

from .options import graph_options


@click.command("release")
@click.option("--output", "-o", required=True, type=click.Path(file_okay=False),
              help="The release folder: new, empty, or an older release (replaced whole).")
@click.option("--version-label", metavar="LABEL", help="The version stamped on the release (default: the package's).")
@click.option("--base-url", help="Where the files will be downloaded from (default: https://w3id.org/dngraph/release/LABEL/).")
@graph_options
def release_command(kg, output, version_label, base_url):
    """Write a release: every export format, the VoID/DCAT description, the SSSOM
    linkset and SHA256SUMS, the same bytes for the same data.

    Example: dngraph release -o release/ --version-label 2026.11
    """
    for path in kg.write_release(output, version_label, base_url):
        click.echo(f"{path}  {path.stat().st_size} bytes")


@click.command("diff")
@click.argument("old")
@click.argument("new")
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "rdfpatch", "sparql"]), default="text",
              show_default=True, help="text for people; rdfpatch (RDF Patch) or sparql (SPARQL Update) to apply.")
@click.option("--repo", type=click.Path(file_okay=False, exists=True),
              help="The git repository revisions are read from (default: the current folder).")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write to this file instead of standard output.")
@graph_options(reasoner=False)
def diff_command(kg, old, new, fmt, repo, output):
    """Show what changed from OLD to NEW, fact by fact per source document. Each is a
    release folder, a project folder, a data folder or a git revision (HEAD~3, a tag).

    Example: dngraph diff HEAD~1 HEAD
    """
    from .output import write_output

    found = kg.diff(old, new, repo)
    text = "\n".join(found.lines()) + "\n" if fmt == "text" else found.patch(fmt)
    if output:
        write_output(output, text)
    else:
        click.echo(text, nl=False)


@click.command("docs")
@click.option("--output", "-o", required=True, type=click.Path(file_okay=False),
              help="The folder to write index.html to.")
@graph_options(reasoner=False)
def docs_command(kg, output):
    """Write an offline HTML reference of the ontology: classes, properties, labels
    (en, fr), definitions, domains, ranges and the SHACL shapes that constrain each.

    Example: dngraph docs -o site/ontology
    """
    click.echo(kg.write_docs(output))


@click.command("plot")
@click.argument("kind", type=click.Choice(["timeline", "network"]))
@click.option("--output", "-o", required=True, type=click.Path(dir_okay=False),
              help="The picture file: .svg or .png.")
@click.option("--format", "-f", "fmt", type=click.Choice(["svg", "png"]),
              help="Picture format (default: from the file name).")
@graph_options
def plot(kg, kind, output, fmt):
    """Draw the forum's TIMELINE (names, chairs, summits, members) or its NETWORK
    (nations, working groups, people, documents) from query answers.

    Example: dngraph plot timeline -o timeline.svg
    """
    from .plot import write_plot

    size = write_plot(kg, kind, output, fmt)
    click.echo(f"{output}: {kind}, {size} bytes", err=True)


COMMANDS = [release_command, diff_command, docs_command, plot]
