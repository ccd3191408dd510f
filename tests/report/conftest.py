"""Fixtures for the report tests: hand-made data (no store, no spaCy) and a written report."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from faultlines.report import ReportData, build_report_data, write_report


def _load_helpers():
    # Registered under one name so tests/report and tests/web share it in any import mode.
    if "report_helpers" not in sys.modules:
        path = Path(__file__).resolve().with_name("report_helpers.py")
        spec = importlib.util.spec_from_file_location("report_helpers", path)
        module = importlib.util.module_from_spec(spec)
        sys.modules["report_helpers"] = module
        spec.loader.exec_module(module)
    return sys.modules["report_helpers"]


helpers = _load_helpers()


@pytest.fixture(scope="session")
def sample_data() -> ReportData:
    return build_report_data(helpers.sample_events(), helpers.sample_documents(),
                             title="Sample <report>", generated="2026-01-01 00:00 UTC")


@pytest.fixture(scope="session")
def report_file(sample_data: ReportData, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_report(sample_data, tmp_path_factory.mktemp("report") / "report.html")


@pytest.fixture
def require_chromium() -> None:
    if not helpers.chromium_available():
        pytest.skip("/usr/bin/chromium is not installed (run `make browser` as root)")
    pytest.importorskip("playwright.sync_api")
