"""tools/train.py: the same seed and data give the same arrays (tiny synthetic data of ours)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest

REPO = Path(__file__).resolve().parents[2]

pytest.importorskip("sklearn", reason="training needs the train extra (scikit-learn)")


@pytest.fixture(scope="module")
def train():
    spec = importlib.util.spec_from_file_location("faultlines_train", REPO / "tools" / "train.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


EVENTS = {
    "Rebels shelled the northern garrison overnight.": 1,
    "Militia fighters shelled a convoy near the river.": 1,
    "The two ministers met and signed a water accord.": 1,
    "Both ministers signed a trade accord in the capital.": 1,
    "The spokesman said the weather was mild.": 0,
    "A spokesman said the talks might resume someday.": 0,
    "Officials said that the harvest looked good.": 0,
}
CATEGORIES = [
    ("Rebels shelled the northern garrison overnight.", "ASSAULT"),
    ("Militia fighters shelled a convoy near the river.", "ASSAULT"),
    ("The two ministers met and signed a water accord.", "AGREE"),
    ("Both ministers signed a trade accord in the capital.", "AGREE"),
]


def fit(train, seed):
    vocabulary, idf = train.vocabulary_of(EVENTS)
    return train.TextModel(EVENTS, CATEGORIES, vocabulary, idf, seed, 10.0, 10.0), vocabulary


def test_same_seed_same_arrays_and_bytes(train, tmp_path: Path):
    (a, voc_a), (b, voc_b) = fit(train, 7), fit(train, 7)
    assert voc_a == voc_b
    assert np.array_equal(a.ev.coef_, b.ev.coef_)
    assert np.array_equal(a.cat.coef_, b.cat.coef_)
    for name, model in (("a.npz", a), ("b.npz", b)):
        train.write_npz(tmp_path / name, {"coef": model.cat.coef_, "idf": model.idf})
    assert (tmp_path / "a.npz").read_bytes() == (tmp_path / "b.npz").read_bytes()
    with np.load(tmp_path / "a.npz", allow_pickle=False) as npz:
        assert np.array_equal(npz["coef"], a.cat.coef_)


def test_the_models_learn_the_synthetic_labels(train):
    model, _ = fit(train, 7)
    p_war, cats = model.scores("Rebels shelled a garrison.")
    p_talk, _ = model.scores("The spokesman said it was mild.")
    assert p_war > p_talk
    assert max(cats, key=cats.get) == "ASSAULT"


def test_set_aside_rule_matches_dev_scores(train):
    import hashlib

    for text in EVENTS:
        expected = int(hashlib.sha1(text.encode()).hexdigest(), 16) % 3 == 0
        assert train.is_aside(text) is expected


def test_ece_of_a_perfectly_calibrated_table_is_zero(train):
    conf = np.array([0.25, 0.25, 0.25, 0.25, 0.75, 0.75, 0.75, 0.75])
    right = np.array([1, 0, 0, 0, 1, 1, 1, 0], dtype=float)
    value, table = train.ece(conf, right)
    assert value == pytest.approx(0.0)
    assert [row["n"] for row in table] == [4, 4]
