"""Named errors, each carrying the exit code the CLI ends with.

Exit codes: 0 ok, 1 the data does not conform or is inconsistent (a result of
checking the data, not a fault), 2 bad input (a file, query, parameter or
option that cannot be used), 3 an internal error (a broken installation or a
bug). The library raises only these; the CLI prints one line for each and
exits with its code.
"""

EXIT_OK = 0
EXIT_NONCONFORMING = 1
EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130  # as a shell reports a process ended by Ctrl-C


class DngraphError(Exception):
    """Base class of every error dngraph raises on purpose: bad input unless a subclass says otherwise."""

    exit_code = EXIT_BAD_INPUT


class LoadError(DngraphError):
    """A file could not be read or parsed; names the file and, when known, the line."""

    def __init__(self, path, message: str, line: int | None = None):
        self.path = str(path)
        self.line = line
        self.detail = message
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {message}")


class QueryError(DngraphError):
    """A query is unknown, malformed, or failed to run."""


class ParameterError(QueryError):
    """A query parameter is missing, unknown, or of the wrong type."""


class FormatError(DngraphError):
    """An output format that does not fit the answer (rows asked as Turtle, a graph as CSV)."""


class OutputError(DngraphError):
    """An output file that cannot or must not be written."""


class CacheError(DngraphError):
    """The build cache is unreadable or corrupt; callers rebuild it."""

    exit_code = EXIT_INTERNAL


class InternalError(DngraphError):
    """dngraph itself is broken: a file of the package is missing, or a step failed that cannot fail on good input."""

    exit_code = EXIT_INTERNAL


class InconsistentGraph(DngraphError):
    """The ontology and the data contradict each other (an OWL 2 RL clash), so the
    graph entails everything and no query is answered from it."""

    exit_code = EXIT_NONCONFORMING


def failure(exc: BaseException) -> tuple[str, int]:
    """The one line the command prints for ``exc``, and the exit code it ends with."""
    if isinstance(exc, KeyboardInterrupt):
        return "interrupted", EXIT_INTERRUPTED
    if isinstance(exc, DngraphError):
        return f"error: {exc}", exc.exit_code
    return (f"error: internal error: {type(exc).__name__}: {exc} "
            "(run with --debug for the traceback)", EXIT_INTERNAL)


def report_failure(line: str, code: int, debug: bool, echo) -> int:
    """Print ``line`` (white space folded) with ``echo``, after the traceback of the
    exception being handled when ``debug``; returns ``code``."""
    import sys

    if debug and sys.exc_info()[0] is not None:
        import traceback

        traceback.print_exc(file=sys.stderr)
    echo(" ".join(line.split()))
    return code
