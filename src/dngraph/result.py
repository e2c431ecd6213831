"""What a query answered, as Python values, RDF terms or text in any output format."""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing on the way to a query
if TYPE_CHECKING:
    from collections.abc import Callable


class Result:
    """What a query answered.

    For SELECT, ``rows`` are dicts of Python values and ``terms`` the same rows as
    RDF terms; for ASK, ``boolean``; for CONSTRUCT and DESCRIBE, ``triples``.
    ``warnings`` says what looked wrong in the query (an unknown ``dn:`` term).
    ``labels`` (not compared, not shown) gives the labels a table shows for IRIs.
    Two results are equal when their fields but ``labels`` are. A plain class rather
    than a dataclass, so a warm query does without the import of dataclasses.
    """

    _FIELDS = ("variables", "terms", "kind", "boolean", "triples", "warnings")

    def __init__(self, variables: list[str] | None = None, terms: list[dict] | None = None, kind: str = "select",
                 boolean: bool | None = None, triples: list | None = None, warnings: list[str] | None = None,
                 labels: Callable[[], dict] | None = None):
        self.variables = [] if variables is None else variables
        self.terms = [] if terms is None else terms
        self.kind, self.boolean = kind, boolean
        self.triples = [] if triples is None else triples
        self.warnings = [] if warnings is None else warnings
        self.labels = labels

    def _fields(self) -> tuple:
        return tuple(getattr(self, name) for name in self._FIELDS)

    def __eq__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._fields() == other._fields()

    __hash__ = None  # mutable, like the lists it holds

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={value!r}" for name, value in zip(self._FIELDS, self._fields()))
        return f"{type(self).__name__}({shown})"

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
