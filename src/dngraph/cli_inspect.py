"""The commands that look at the graph: ``validate``, ``stats``, ``queries`` and ``describe``.

Each parses its options, calls one method of :class:`dngraph.api.KnowledgeGraph` and
prints; :mod:`dngraph.cli` registers them on the ``dngraph`` group.
"""

from __future__ import annotations

import sys

import click

from .options import graph_options


@click.command()
@click.option("--engine", type=click.Choice(["fast", "pyshacl"]), default="fast", show_default=True,
              help="fast: SHACL Core set by set, SHACL-SPARQL on the built store; "
                   "pyshacl: the reference (same results, slower).")
@graph_options
def validate(kg, engine):
    """Check the data against the SHACL shapes, and the graph for inconsistencies.

    Prints a one-line summary and exits 0 when the data conforms; otherwise prints
    each violation on its own line (file, thing, property, message) and exits 1.
    A file that does not parse is named with its line, exit 2. Unchanged input is
    answered from a cached report.

    Example: dngraph validate --engine pyshacl
    """
    report = kg.validate(engine=engine)
    for violation in report.violations:
        click.echo(violation.line())
    click.echo(report.summary())
    sys.exit(0 if report.conforms else 1)


@click.command()
@graph_options
def stats(kg):
    """Print what the graph holds: triples, things per class, facts per source.

    Example: dngraph stats
    """
    for line in kg.stats().lines():
        click.echo(line)


@click.command("queries")
@graph_options(reasoner=False)
def list_queries(kg):
    """List the saved queries: name, title and parameters.

    A query file that cannot be used is named on stderr with what is wrong, and
    the exit code is 2; the others are listed all the same.

    Example: dngraph queries
    """
    from .entry import list_queries as listed  # the one home of the listing (no click there)

    code = listed(kg)
    if code:
        sys.exit(code)


@click.command("describe")
@click.option("--format", "-f", "fmt", default="turtle", show_default=True,
              type=click.Choice(["turtle", "ntriples", "jsonld", "rdfxml"]), help="RDF format of the description.")
@click.option("--distributions", type=click.Path(file_okay=False),
              help="A folder of released files: each becomes a dcat:Distribution with its SHA-256.")
@click.option("--base-url", help="Where the released files will be downloaded from (default: their file: URLs).")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write to this file instead of standard output.")
@graph_options
def describe_dataset(kg, fmt, distributions, base_url, output):
    """Describe the dataset in VoID and DCAT: counts, partitions, linksets, distributions.

    Example: dngraph describe --format turtle -o void.ttl
    """
    from .cache import write_atomic

    rdf_format = {"rdfxml": "xml", "ntriples": "nt", "jsonld": "json-ld"}.get(fmt, fmt)
    text = kg.describe(distributions, base_url).serialize(format=rdf_format)
    if output:
        write_atomic(output, text.encode("utf-8"))
    else:
        click.echo(text, nl=False)


COMMANDS = [validate, stats, list_queries, describe_dataset]
