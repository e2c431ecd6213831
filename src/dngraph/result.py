"""What a query answered, as Python values, RDF terms or text in any output format."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Result:
    """What a query answered.

    For SELECT, ``rows`` are dicts of Python values and ``terms`` the same rows as
    RDF terms; for ASK, ``boolean``; for CONSTRUCT and DESCRIBE, ``triples``.
    ``warnings`` says what looked wrong in the query (an unknown ``dn:`` term).
    """

    variables: list[str] = field(default_factory=list)
    terms: list[dict] = field(default_factory=list)
    kind: str = "select"
    boolean: bool | None = None
    triples: list = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    labels: Callable[[], dict] | None = field(default=None, repr=False, compare=False)

    @property
    def rows(self) -> list[dict]:
        from .terms import to_python

        return [{k: to_python(v) for k, v in row.items()} for row in self.terms]

    def __len__(self) -> int:
        return len(self.terms) if self.kind == "select" else len(self.triples)

    def __iter__(self):
        return iter(self.rows)

    def serialize(self, format: str | None = None) -> str:  # noqa: A002
        """The answer as text, exactly as ``dngraph query`` and ``dngraph sparql`` write it.

        Rows (SELECT, ASK): ``table`` (default), ``csv``, ``tsv``, ``json``, ``markdown``;
        graphs (CONSTRUCT, DESCRIBE): ``turtle`` (default), ``ntriples``, ``jsonld``.
        A format that does not fit the answer raises :class:`dngraph.errors.FormatError`.
        """
        from .formats import serialize

        shown = format or ("turtle" if self.kind == "graph" else "table")
        labels = self.labels() if self.labels and shown in ("table", "markdown") else None
        return serialize(self, format, labels)

    def to_dataframe(self):
        """The rows as a pandas DataFrame (needs pandas)."""
        import pandas

        return pandas.DataFrame(self.rows, columns=self.variables)


def collect(answer, hide=(), labels=None, warnings=()) -> Result:
    """A :class:`Result` from a pyoxigraph answer; ``hide`` names variables to leave out."""
    import pyoxigraph

    if isinstance(answer, pyoxigraph.QueryBoolean):
        return Result(kind="ask", boolean=bool(answer), labels=labels, warnings=list(warnings))
    if isinstance(answer, pyoxigraph.QueryTriples):
        return Result(kind="graph", triples=list(answer), labels=labels, warnings=list(warnings))
    variables = [v.value for v in answer.variables if v.value not in hide]
    terms = [{name: s[name] for name in variables if s[name] is not None} for s in answer]
    return Result(variables, terms, labels=labels, warnings=list(warnings))
