"""The local explorer: a read-only JSON API over a faultlines store and the page that uses it.

FastAPI describes every endpoint in ``/openapi.json`` from the response models below, and
uvicorn serves it. FastAPI's Swagger/ReDoc pages load their scripts from a CDN, so ``/docs`` is
instead a plain page rendered here from the same description; the explorer page loads only
``/static`` files from this server (BokehJS straight out of the installed ``bokeh`` package).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
import html
import os
import sys
from concurrent.futures import ThreadPoolExecutor
from typing import Annotated, Any, Literal

from fastapi import FastAPI, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, Field
from starlette.middleware.trustedhost import TrustedHostMiddleware

from faultlines import __version__
from faultlines.errors import FaultlinesError
from faultlines.report.data import ReportData
from faultlines.report.render import RENDERER_SCRIPTS, read_asset, render_page, renderer_script
from faultlines.web.index import MAX_LIMIT, DataSource, ExplorerIndex, load_store

__all__ = ["create_app", "serve", "render_api_docs", "PAGE_CSP"]

#: The page may talk to this server only; BokehJS injects <style> elements, hence 'unsafe-inline'.
PAGE_CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
            "base-uri 'none'; form-action 'none'")
#: Sent as a header only: browsers ignore frame-ancestors in a <meta> policy.
HEADER_CSP = PAGE_CSP + "; frame-ancestors 'none'"

LOCAL_HOSTS = ["127.0.0.1", "localhost", "::1", "[::1]"]


# ---- response models (they become the OpenAPI description) ----------------------------------

class DocumentOut(BaseModel):
    title: str | None = Field(description="Headline, as read (untrusted text)")
    source: str | None = Field(description="Outlet")
    date: dt.date | None
    url: str | None = Field(description="Link to the article; the page links it only if http(s)")
    author: str | None = Field(default=None, description="Byline, as read (untrusted text)")


class EventOut(BaseModel):
    event_id: str
    doc_id: str
    date: dt.date | None
    event_type: str = Field(description="PLOVER category, e.g. REJECT")
    quad: str = Field(description="PLOVER quad, e.g. verbal-conflict")
    polarity: int = Field(description="+1 cooperation, -1 conflict")
    intensity: float
    actor: str = Field(description="Actor id (source of the event)")
    recipient: str | None = Field(description="Actor id of the target, if any")
    modality: str = Field(description="asserted, reported, hypothetical, advocated or negated")
    attributed_to: str | None = Field(description="Who the claim is attributed to (name)")
    trigger: str
    sentence: str = Field(description="The evidence sentence (untrusted text)")
    source: str | None = Field(description="Outlet")
    place: str | None = Field(default=None, description="Where it happened (gazetteer name)")
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)
    confidence: float | None = Field(
        default=None, description="The hybrid coder's calibrated confidence, 0-1; null when "
                                  "coded by the rules alone")
    document: DocumentOut | None = None


class EventsPage(BaseModel):
    total: int = Field(description="Number of matching events (not only those returned)")
    events: list[EventOut]


class ActorOut(BaseModel):
    id: str
    name: str
    mentions: int
    country: str | None
    sector: str | None
    camp: int | None = Field(description="Index into the camps of /api/balance, or null")
    x: float = Field(description="Layout position, in [-1, 1]")
    y: float


class EdgeOut(BaseModel):
    source: str
    target: str
    sign: int = Field(description="+1 cooperation, -1 conflict, 0 balanced out")
    count: int = Field(description="Counted (asserted or reported) events")
    cooperation: int
    conflict: int
    net_polarity: float
    first_date: dt.date | None
    last_date: dt.date | None
    event_ids: list[str] = Field(description="Every event of the pair in range, as evidence")


class NetworkOut(BaseModel):
    nodes: list[ActorOut]
    edges: list[EdgeOut]


class BalanceOut(BaseModel):
    nodes: int
    edges: int
    positive_edges: int
    negative_edges: int
    triangles: int
    balanced_triangles: int
    balance_degree: float | None = Field(description="Share of balanced triangles")
    frustration_index: int | None = Field(
        description="Fewest edges to remove for two perfectly balanced camps")
    frustration_optimal: bool | None = Field(
        description="False when the solver hit its time limit (the index is an upper bound)")
    method: str


class CampOut(BaseModel):
    id: int
    members: list[str]


class SupportOut(BaseModel):
    supported: bool = Field(description="Whether the signed ties support camps at all")
    reason: str = Field(description="Why, in plain words")
    triangles: int
    balance: float | None = Field(default=None, description="Observed degree of balance")
    null_mean: float | None = Field(
        default=None, description="Mean balance of degree-preserving random graphs")
    p_value: float | None = None


class BalanceAndCamps(BaseModel):
    balance: BalanceOut | None
    camps: list[CampOut]
    support: SupportOut | None = None


class TimelinePointOut(BaseModel):
    period: str = Field(description="Month, YYYY-MM")
    cooperation: int
    conflict: int
    net: float


class TimelineOut(BaseModel):
    points: list[TimelinePointOut]


class PlaceOut(BaseModel):
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    quad: str = Field(description="PLOVER quad of the events at this point")
    place: str | None = Field(description="Gazetteer name of the place")
    count: int = Field(description="Events of this quad at this point")
    event_ids: list[str] = Field(description="Up to 20 of them, as evidence")


class PlacesOut(BaseModel):
    points: list[PlaceOut]


class MetaOut(BaseModel):
    title: str
    generated: str
    date_min: dt.date | None
    date_max: dt.date | None
    event_count: int
    event_types: list[str]
    edge_modalities: list[str]
    min_confidence: float = Field(
        default=0.0, description="The threshold the data were read with (events below it are "
                                 "not served)")
    with_confidence: int = Field(
        default=0, description="Events that carry a confidence (the hybrid coder's)")


Since = Annotated[dt.date | None, Query(description="First day, inclusive (YYYY-MM-DD)")]
Until = Annotated[dt.date | None, Query(description="Last day, inclusive (YYYY-MM-DD)")]
MinConfidence = Annotated[float | None, Query(
    ge=0, le=1, description="Only events whose confidence reaches this (0-1); events without "
                            "a confidence (coded by the rules alone) are always kept")]
LevelParam = Annotated[Literal["actor", "group", "state"], Query(
    description="actor, group (state agents merged into their branch) or state (one node a "
                "state)")]


def create_app(source: str | os.PathLike[str] | ReportData, *,
               allowed_hosts: list[str] | None = None,
               min_confidence: float | None = None) -> FastAPI:
    """The explorer as an ASGI app.

    Parameters
    ----------
    source
        Path of a faultlines DuckDB store (opened read-only, re-read when the file changes), or
        a ready :class:`ReportData`.
    allowed_hosts
        Host names the app answers to; default: local names only, which stops a web page on
        another site from reading the API through DNS rebinding.
    min_confidence
        For a store: leave out events whose confidence is below this (as ``report
        --min-confidence``); the page's confidence slider starts there.
    """
    if isinstance(source, ReportData):
        fixed = ExplorerIndex(source)

        def current() -> ExplorerIndex:
            return fixed
    else:
        data_source = DataSource(source, load=functools.partial(
            load_store, min_confidence=min_confidence))
        current = data_source.current

    app = FastAPI(
        title="faultlines explorer",
        version=__version__,
        description="Read-only JSON API over a faultlines store: actors, PLOVER-coded events "
                    "with their evidence sentences, the signed actor network, balance and camps.",
        docs_url=None,
        redoc_url=None,
    )
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts or LOCAL_HOSTS)
    solver = ThreadPoolExecutor(max_workers=1, thread_name_prefix="faultlines-solver")

    @app.exception_handler(FaultlinesError)
    async def faultlines_error(request: Request, exc: FaultlinesError) -> JSONResponse:
        return JSONResponse(status_code=503, content={"detail": str(exc)})

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        response = await call_next(request)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers.setdefault("Content-Security-Policy", HEADER_CSP)
        return response

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def page() -> HTMLResponse:
        title = current().data.title
        return HTMLResponse(render_page({
            "TITLE": html.escape(title),
            "CSP": html.escape(PAGE_CSP, quote=False),  # a constant without double quotes
            "CSS": read_asset("explorer.css"),
            "SOURCE": "api",
            "DATA": "",
            "SCRIPTS": "".join(f'<script src="static/{name}"></script>\n'
                               for name in RENDERER_SCRIPTS)
                       + '<script src="static/explorer.js"></script>',
        }))

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def api_docs() -> HTMLResponse:
        return HTMLResponse(render_api_docs(app.openapi()))

    @app.get("/static/bokeh.min.js", include_in_schema=False)
    def bokeh_js() -> FileResponse:
        return FileResponse(renderer_script("bokeh.min.js"), media_type="text/javascript")

    @app.get("/static/bokeh-api.min.js", include_in_schema=False)
    def bokeh_api_js() -> FileResponse:
        return FileResponse(renderer_script("bokeh-api.min.js"), media_type="text/javascript")

    @app.get("/static/explorer.js", include_in_schema=False)
    def explorer_js() -> Response:
        return Response(read_asset("explorer.js"), media_type="text/javascript")

    @app.get("/api/meta", response_model=MetaOut, summary="Title, date range and event types")
    def meta() -> dict[str, Any]:
        return current().meta()

    @app.get("/api/actors", response_model=list[ActorOut],
             summary="Actors that take part in events, with mentions, camp and layout position")
    def actors(level: LevelParam = "actor") -> list[dict[str, Any]]:
        return current().at(level).actors()

    @app.get("/api/events", response_model=EventsPage,
             summary="Events in date order, filtered; each with its evidence sentence")
    def events(
        since: Since = None,
        until: Until = None,
        actor: Annotated[str | None, Query(description="Actor id on either side")] = None,
        type: Annotated[str | None, Query(description="PLOVER event type")] = None,  # noqa: A002
        q: Annotated[str | None, Query(description="Case-insensitive text search")] = None,
        limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 200,
        offset: Annotated[int, Query(ge=0)] = 0,
        level: LevelParam = "actor",
        min_confidence: MinConfidence = None,
    ) -> dict[str, Any]:
        return current().at(level).events(since=since, until=until, actor=actor,
                                          event_type=type, q=q, limit=limit, offset=offset,
                                          min_confidence=min_confidence)

    @app.get("/api/network", response_model=NetworkOut,
             summary="All actors and the signed dyads of the events in a date range")
    def network(since: Since = None, until: Until = None, level: LevelParam = "actor",
                min_confidence: MinConfidence = None) -> dict[str, Any]:
        return current().at(level).network(since, until, min_confidence)

    @app.get("/api/balance", response_model=BalanceAndCamps,
             summary="Structural balance summary and camps of the signed network")
    async def balance(since: Since = None, until: Until = None, level: LevelParam = "actor",
                      min_confidence: MinConfidence = None) -> dict[str, Any]:
        # The solver runs on its own single thread: a burst of date-ranged requests queues
        # there instead of taking every worker thread from the cheap endpoints.
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(
            solver, lambda: current().at(level).balance(since, until, min_confidence))

    @app.get("/api/evidence", response_model=EventsPage,
             summary="Every event between two actors (either direction, any modality)")
    def evidence(
        a: Annotated[str, Query(description="Actor id")],
        b: Annotated[str, Query(description="The other actor id")],
        since: Since = None,
        until: Until = None,
        limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = MAX_LIMIT,
        level: LevelParam = "actor",
        min_confidence: MinConfidence = None,
    ) -> dict[str, Any]:
        return current().at(level).evidence(a, b, since=since, until=until, limit=limit,
                                            min_confidence=min_confidence)

    @app.get("/api/timeline", response_model=TimelineOut,
             summary="Monthly cooperation and conflict counts of one dyad")
    def timeline(a: Annotated[str, Query()], b: Annotated[str, Query()],
                 level: LevelParam = "actor",
                 min_confidence: MinConfidence = None) -> dict[str, Any]:
        return current().at(level).timeline(a, b, min_confidence)

    @app.get("/api/places", response_model=PlacesOut,
             summary="Located events grouped by point and quad, for the map")
    def places(since: Since = None, until: Until = None,
               min_confidence: MinConfidence = None) -> dict[str, Any]:
        return current().places(since, until, min_confidence)

    return app


def render_api_docs(spec: dict[str, Any]) -> str:
    """A plain, offline HTML page listing the endpoints of an OpenAPI description.

    Stands in for Swagger UI, which loads its scripts from a CDN.
    """
    esc = html.escape
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>{esc(spec['info']['title'])} API</title><link rel='icon' href='data:,'>",
        "<style>body{font:14px/1.5 system-ui,sans-serif;margin:1.5rem;max-width:60rem}"
        "code{background:#f3f3f3;padding:0 .2em}td,th{padding:.1rem .6rem;text-align:left;"
        "vertical-align:top}</style></head><body>",
        f"<h1>{esc(spec['info']['title'])} {esc(str(spec['info'].get('version', '')))}</h1>",
        f"<p>{esc(spec['info'].get('description', ''))}</p>",
        "<p>Machine-readable description: <a href='openapi.json'>openapi.json</a>. "
        "Every endpoint answers <code>GET</code> with JSON.</p>",
    ]
    for path, methods in spec["paths"].items():
        for method, operation in methods.items():
            parts.append(f"<h2><code>{esc(method.upper())} {esc(path)}</code></h2>")
            parts.append(f"<p>{esc(operation.get('summary', ''))}</p>")
            params = operation.get("parameters", [])
            if params:
                parts.append("<table><tr><th>parameter</th><th>required</th>"
                             "<th>description</th></tr>")
                for param in params:
                    parts.append(
                        f"<tr><td><code>{esc(param['name'])}</code></td>"
                        f"<td>{'yes' if param.get('required') else 'no'}</td>"
                        f"<td>{esc(param.get('description', ''))}</td></tr>")
                parts.append("</table>")
    parts.append("</body></html>")
    return "".join(parts)


def exposure_warning(host: str) -> str | None:
    """A warning when ``host`` is reachable from other machines, else None.

    >>> exposure_warning("127.0.0.1") is None
    True
    >>> "WARNING" in exposure_warning("0.0.0.0")
    True
    """
    if host in LOCAL_HOSTS or host.startswith("127."):
        return None
    return (f"WARNING: listening on {host}, not on this machine only: anyone who can reach it "
            "can read every stored event, sentence and actor without a password. Use "
            "--host 127.0.0.1 unless you mean to share the store.")


def serve(db_path: str | os.PathLike[str], host: str = "127.0.0.1", port: int = 8000, *,
          log_level: str = "warning", min_confidence: float | None = None) -> None:
    """Run the explorer until interrupted (Ctrl-C).

    Listens on 127.0.0.1 unless told otherwise; any other ``host`` also accepts requests
    addressed to that host name.
    """
    import uvicorn

    allowed = LOCAL_HOSTS if host in LOCAL_HOSTS else [*LOCAL_HOSTS, host]
    if host in ("0.0.0.0", "::"):
        allowed = ["*"]  # listening everywhere: the caller chose to be reachable by any name
    warning = exposure_warning(host)
    if warning:
        print(warning, file=sys.stderr, flush=True)
    app = create_app(db_path, allowed_hosts=allowed, min_confidence=min_confidence)
    uvicorn.run(app, host=host, port=port, log_level=log_level)
