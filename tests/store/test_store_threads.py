"""While documents are added the store runs DuckDB on STORE_THREADS threads (so its workers do not
take the parser's cores), and gives DuckDB its own thread count back afterwards, even when the
ingest fails."""

from __future__ import annotations

import pytest
from store_builders import sample_corpus

from faultlines.store import Store
from faultlines.store.store import STORE_THREADS


def _threads(store: Store) -> int:
    return int(store._con.execute("SELECT current_setting('threads')").fetchone()[0])


@pytest.mark.parametrize("background", [False, True])
def test_threads_while_adding_and_after(tmp_path, background: bool) -> None:
    with Store(tmp_path / "t.duckdb") as store:
        before = _threads(store)
        seen: list[int] = []
        store.add_results(sample_corpus(), batch_size=1, background=background,
                          on_batch=lambda _stats: seen.append(_threads(store)))
        assert seen and set(seen) == {STORE_THREADS}
        assert _threads(store) == before


def test_threads_restored_after_a_failing_ingest(tmp_path) -> None:
    def failing():
        yield from sample_corpus()[:1]
        raise RuntimeError("reader broke")

    with Store(tmp_path / "t.duckdb") as store:
        before = _threads(store)
        with pytest.raises(RuntimeError, match="reader broke"):
            store.add_results(failing(), batch_size=1)
        assert _threads(store) == before
        assert store.stats()["documents"] == 1
