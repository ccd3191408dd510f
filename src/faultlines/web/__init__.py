"""The local explorer: ``faultlines serve`` (a read-only JSON API and an offline page).

>>> from faultlines.web import serve                                 # doctest: +SKIP
>>> serve("corpus.duckdb", port=8000)  # http://127.0.0.1:8000/     # doctest: +SKIP
"""

from faultlines.web.app import create_app, serve
from faultlines.web.index import DataSource, ExplorerIndex

__all__ = ["create_app", "serve", "DataSource", "ExplorerIndex"]
