"""Render :class:`ReportData` as one self-contained HTML file that works offline.

The page holds four inline parts and nothing else: the CSS, BokehJS as shipped inside the
``bokeh`` Python package (its core and its plotting API, 1.4 MB), the data as JSON in
``<script type="application/json">``, and the glue script ``assets/explorer.js``. A
Content-Security-Policy forbids every network fetch, so a stray URL in the data cannot make the
browser call out.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import html
import importlib.util
import json
import os
import re
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from faultlines.errors import FaultlinesError
from faultlines.report.data import ReportData

__all__ = [
    "REPORT_CSP",
    "RENDERER_SCRIPTS",
    "compact_json_dict",
    "json_for_script",
    "read_asset",
    "render_page",
    "render_report",
    "renderer_script",
    "write_report",
]

#: Scripts and styles are inline; nothing may be loaded or fetched from anywhere.
REPORT_CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
              "img-src data: blob:; font-src data:; connect-src 'none'; base-uri 'none'; "
              "form-action 'none'")

_PLACEHOLDER = re.compile(r"@@([A-Z]+)@@")
_SCRIPT_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                   "\u2028": "\\u2028", "\u2029": "\\u2029"}


def read_asset(name: str) -> str:
    """Text of a file in ``faultlines/report/assets`` (page.html, explorer.js, explorer.css)."""
    return (resources.files("faultlines.report") / "assets" / name).read_text(encoding="utf-8")


def json_for_script(value: Any) -> str:
    """JSON that is safe inside a ``<script>`` element.

    ``<``, ``>`` and ``&`` become ``\\u003c``, ``\\u003e`` and ``\\u0026`` (and the JavaScript
    line separators are escaped too), so no string in the data can close the element or open a
    comment; ``JSON.parse`` turns the escapes back into the original characters.

    >>> json_for_script({"s": "</script><img src=x>"})
    '{"s":"\\\\u003c/script\\\\u003e\\\\u003cimg src=x\\\\u003e"}'
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return re.sub("[<>&\u2028\u2029]", lambda m: _SCRIPT_ESCAPES[m.group(0)], text)


def render_page(parts: Mapping[str, str]) -> str:
    """Fill ``assets/page.html``; ``parts`` maps placeholder names to already-safe text.

    All placeholders are replaced in one pass, so text inside a part (an article quoting
    ``@@DATA@@``, say) is never substituted again.
    """
    template = read_asset("page.html")
    missing = set(_PLACEHOLDER.findall(template)) - set(parts)
    if missing:
        raise FaultlinesError(f"page.html placeholders without a value: {sorted(missing)}")
    return _PLACEHOLDER.sub(lambda m: parts[m.group(1)], template)


def _inline_script(code: str, name: str) -> str:
    # An inline script ends at the first "</script"; the bundled code must not contain one.
    if re.search(r"</script", code, re.IGNORECASE):
        raise FaultlinesError(f"{name} contains '</script' and cannot be inlined safely")
    return f"<script>\n{code}\n</script>"


#: BokehJS files the page loads, in order: the library, then its JavaScript plotting API.
RENDERER_SCRIPTS = ("bokeh.min.js", "bokeh-api.min.js")


def renderer_script(name: str) -> Path:
    """Path of a BokehJS file (one of :data:`RENDERER_SCRIPTS`) inside the installed ``bokeh``.

    The package is found, not imported: the report needs its JavaScript, not its Python.
    """
    spec = importlib.util.find_spec("bokeh")
    if name not in RENDERER_SCRIPTS or spec is None or spec.origin is None:
        raise FaultlinesError(f"BokehJS file {name!r} not found: install the report's renderer "
                              "with `pip install bokeh` (a dependency of faultlines)")
    path = Path(spec.origin).parent / "server" / "static" / "js" / name
    if not path.is_file():
        raise FaultlinesError(f"{path} is missing: reinstall bokeh (`pip install --force-reinstall "
                              "bokeh`)")
    return path


def _renderer_js() -> str:
    return "\n".join(_inline_script(renderer_script(name).read_text(encoding="utf-8"), name)
                     for name in RENDERER_SCRIPTS)


def compact_json_dict(data: ReportData) -> dict[str, Any]:
    """``data.to_json_dict()`` with the events as columns (``{"columns": [...], "rows": [...]}``).

    Naming every field once instead of once per event makes the report about 15% smaller;
    ``explorer.js`` turns the rows back into objects when the page loads.
    """
    payload = data.to_json_dict()
    events = payload["events"]
    columns = list(events[0]) if events else []
    payload["events"] = {"columns": columns,
                         "rows": [[event[c] for c in columns] for event in events]}
    return payload


def render_report(data: ReportData) -> str:
    """The whole report as an HTML string (1.4 MB of it is BokehJS).

    >>> from faultlines.report.data import ReportData
    >>> page = render_report(ReportData(title="<b>t</b>", nodes=(), edges=(), events=()))
    >>> "<title>&lt;b&gt;t&lt;/b&gt;</title>" in page
    True
    """
    payload = json_for_script(compact_json_dict(data))
    return render_page({
        "TITLE": html.escape(data.title),
        "CSP": html.escape(REPORT_CSP, quote=False),  # a constant without double quotes
        "CSS": read_asset("explorer.css"),
        "SOURCE": "embedded",
        "DATA": f'<script type="application/json" id="faultlines-data">{payload}</script>',
        "SCRIPTS": _renderer_js() + "\n" + _inline_script(read_asset("explorer.js"), "explorer.js"),
    })


def write_report(store_or_path: Any, out_path: str | os.PathLike[str], *,
                 title: str | None = None, since: dt.date | None = None,
                 until: dt.date | None = None, min_confidence: float | None = None) -> Path:
    """Write the HTML report and return its path.

    Parameters
    ----------
    store_or_path
        An open ``faultlines.store.Store``, the path of a DuckDB store (opened read-only), or a
        ready :class:`ReportData`.
    out_path
        Where to write the ``.html`` file; parent folders are created. The file is written to a
        temporary name first and moved into place, so a failed run leaves no half report.
    title, since, until, min_confidence
        Passed to :func:`faultlines.report.collect.collect_report_data` (not used with a
        ready ReportData).
    """
    from faultlines.report.collect import collect_report_data, open_store_read_only

    if isinstance(store_or_path, ReportData):
        data = store_or_path
    elif isinstance(store_or_path, (str, os.PathLike)):
        with open_store_read_only(store_or_path) as store:
            data = collect_report_data(store, title=title, since=since, until=until,
                                       min_confidence=min_confidence)
    else:
        data = collect_report_data(store_or_path, title=title, since=since, until=until,
                                   min_confidence=min_confidence)
    page = render_report(data)
    out = Path(out_path)
    # A plain open() (not mkstemp, which makes the file private) keeps the user's umask.
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "w", encoding="utf-8") as handle:
            handle.write(page)
        os.replace(tmp, out)
    except OSError as exc:
        with contextlib.suppress(OSError):  # nothing to clean up when the folder is unusable
            tmp.unlink(missing_ok=True)
        raise FaultlinesError(f"cannot write the report to {out}: {exc.strerror or exc}; "
                              "choose a writable path with -o") from exc
    return out
