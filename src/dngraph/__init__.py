"""dngraph: the Digital Nations knowledge graph.

    >>> import dngraph
    >>> kg = dngraph.open()
    >>> kg.validate().conforms
    True
"""

__version__ = "0.1.0"

from .api import KnowledgeGraph, open  # noqa: E402

__all__ = ["KnowledgeGraph", "open", "__version__"]
