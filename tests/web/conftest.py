"""Fixtures for the explorer tests; the sample articles come from tests/report/report_helpers."""

from __future__ import annotations

import importlib.util
import socket
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from faultlines.report import ReportData, build_report_data


def _load_helpers():
    if "report_helpers" in sys.modules:
        return sys.modules["report_helpers"]
    path = Path(__file__).resolve().parents[1] / "report" / "report_helpers.py"
    spec = importlib.util.spec_from_file_location("report_helpers", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["report_helpers"] = module
    spec.loader.exec_module(module)
    return module


helpers = _load_helpers()


@pytest.fixture(scope="session")
def web_helpers():
    return helpers


@pytest.fixture(scope="session")
def sample_data() -> ReportData:
    return build_report_data(helpers.sample_events(), helpers.sample_documents(),
                             title="Sample <explorer>", generated="2026-01-01 00:00 UTC")


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    pytest.importorskip("faultlines.store")
    return helpers.write_store(tmp_path / "sample.duckdb")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def running_server(store_path: Path) -> Iterator[str]:
    """``faultlines serve`` on a free local port in a thread; yields its base URL."""
    import uvicorn

    from faultlines.web import create_app

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(store_path), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError(f"the explorer did not start on port {port}")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture
def require_chromium() -> None:
    if not helpers.chromium_available():
        pytest.skip("/usr/bin/chromium is not installed (run `make browser` as root)")
    pytest.importorskip("playwright.sync_api")
