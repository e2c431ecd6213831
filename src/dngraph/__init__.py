"""dngraph: the Digital Nations knowledge graph.

    >>> import dngraph
    >>> kg = dngraph.open()
    >>> kg.validate().conforms
    True
"""

__version__ = "0.1.0"

__all__ = ["KnowledgeGraph", "open", "__version__"]


def __getattr__(name: str):
    """``open`` and ``KnowledgeGraph``, imported on first use so ``dngraph --help`` stays quick."""
    if name in ("open", "KnowledgeGraph"):
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'dngraph' has no attribute {name!r}")
