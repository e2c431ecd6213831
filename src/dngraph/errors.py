"""Named errors, so callers can tell bad input from a failed check.

The CLI maps them to exit codes: 1 for data that does not conform, 2 for
input that cannot be used at all (a file that does not parse, a bad parameter).
"""


class DngraphError(Exception):
    """Base class of every error dngraph raises on purpose."""

    exit_code = 2


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


class CacheError(DngraphError):
    """The build cache is unreadable or corrupt; callers rebuild it."""


class InconsistentGraph(DngraphError):
    """The ontology and the data contradict each other (an OWL 2 RL clash), so the
    graph entails everything and no query is answered from it."""

    exit_code = 1
