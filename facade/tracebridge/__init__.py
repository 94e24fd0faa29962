"""tracebridge: LLM evaluation data out of Respan and Galileo, into files, DataFrames and pipelines.

The raw API clients generated from the specs in ``openapi/`` are importable on their own as
``respan_client`` and ``galileo_client``.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
