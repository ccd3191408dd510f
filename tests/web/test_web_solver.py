"""The explorer's balance endpoint: cached per date range, solved on one thread, and a burst of
date-ranged requests never holds up the cheap endpoints."""

from __future__ import annotations

import asyncio
import datetime as dt
import threading

import httpx

from faultlines.report import ReportData
from faultlines.web import create_app
from faultlines.web import index as index_module
from faultlines.web.app import exposure_warning
from faultlines.web.index import ExplorerIndex


def test_balance_is_cached_per_range(sample_data: ReportData, monkeypatch) -> None:
    calls = []
    real = index_module.analyse_signed_graph

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(index_module, "analyse_signed_graph", counting)
    index = ExplorerIndex(sample_data)
    first = index.balance(None, sample_data.date_range[1])
    again = index.balance(None, sample_data.date_range[1])
    assert first == again and len(calls) == 1
    index.balance(sample_data.date_range[0], None)
    assert len(calls) == 2


def test_a_burst_of_balance_requests_does_not_block_meta(sample_data: ReportData,
                                                         monkeypatch) -> None:
    release = threading.Event()
    real = index_module.analyse_signed_graph

    def slow(*args, **kwargs):
        release.wait(10)  # every solve waits until meta has answered
        return real(*args, **kwargs)

    monkeypatch.setattr(index_module, "analyse_signed_graph", slow)
    app = create_app(sample_data)
    first, last = sample_data.date_range

    async def run() -> tuple[int, list[int]]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as c:
            # more requests than the server's worker threads (40), each a different range
            balances = [asyncio.ensure_future(c.get("/api/balance", params={
                "since": first.isoformat(),
                "until": (last + dt.timedelta(days=day)).isoformat()}))
                for day in range(60)]
            await asyncio.sleep(0.05)
            meta = await asyncio.wait_for(c.get("/api/meta"), timeout=5)
            pending = sum(not b.done() for b in balances)
            release.set()
            done = await asyncio.gather(*balances)
            return meta.status_code, [pending, *(r.status_code for r in done)]

    meta_status, (pending, *statuses) = asyncio.run(run())
    assert meta_status == 200
    assert pending > 0  # meta answered while solves were still queued
    assert set(statuses) == {200}


def test_serving_beyond_this_machine_warns() -> None:
    assert exposure_warning("127.0.0.1") is None and exposure_warning("localhost") is None
    assert "without a password" in exposure_warning("0.0.0.0")
    assert "192.0.2.1" in exposure_warning("192.0.2.1")
