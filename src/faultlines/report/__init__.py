"""The self-contained HTML report: a signed actor network with evidence, offline in one file.

>>> from faultlines.report import write_report                      # doctest: +SKIP
>>> write_report("corpus.duckdb", "report.html")                    # doctest: +SKIP
PosixPath('report.html')
"""

from faultlines.report.collect import (
    build_report_data,
    collect_report_data,
    find_camps,
    open_store_read_only,
)
from faultlines.report.data import (
    BalanceSummary,
    Camp,
    ReportData,
    ReportDocument,
    ReportEdge,
    ReportEvent,
    ReportNode,
    TimelinePoint,
    aggregate_edges,
    aggregate_places,
    filter_events,
)
from faultlines.report.render import json_for_script, render_report, write_report

__all__ = [
    "BalanceSummary",
    "Camp",
    "ReportData",
    "ReportDocument",
    "ReportEdge",
    "ReportEvent",
    "ReportNode",
    "TimelinePoint",
    "aggregate_edges",
    "aggregate_places",
    "build_report_data",
    "collect_report_data",
    "filter_events",
    "find_camps",
    "json_for_script",
    "open_store_read_only",
    "render_report",
    "write_report",
]
