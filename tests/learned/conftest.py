"""Hand-made learned models and parses for the learned coder's tests (our own sentences)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from faultlines.coding.learned.combine import MODEL_CLASSES
from faultlines.coding.learned.features import FEATURE_VERSION
from faultlines.coding.learned.model import N_FEATURES, LearnedModel, load_model, sha256_of


def write_model(folder: Path, vocabulary: list[str], event_coef: dict[str, float],
                category_coef: dict[tuple[str, str], float], *, event_intercept: float = 0.0,
                decision: dict[str, float] | None = None) -> Path:
    """A model folder in the shipped format, with weights chosen by hand."""
    folder.mkdir(parents=True, exist_ok=True)
    index = {t: i for i, t in enumerate(vocabulary)}
    ev = np.zeros(len(vocabulary), dtype=np.float32)
    for term, w in event_coef.items():
        ev[index[term]] = w
    cat = np.zeros((len(MODEL_CLASSES), len(vocabulary)), dtype=np.float32)
    for (label, term), w in category_coef.items():
        cat[MODEL_CLASSES.index(label), index[term]] = w
    arrays = {
        "idf": np.ones(len(vocabulary), dtype=np.float32), "event_coef": ev,
        "event_intercept": np.array([event_intercept], dtype=np.float32),
        "category_coef": cat, "category_intercept": np.zeros(len(MODEL_CLASSES), np.float32),
        # confidence = (p_event + q(label)) / 2 through an identity calibration
        "combiner_coef": np.array([4.0, 4.0] + [0.0] * (N_FEATURES - 2)),
        "combiner_intercept": np.array([-4.0]),
        "calibration_x": np.array([0.0, 1.0]), "calibration_y": np.array([0.0, 1.0]),
    }
    (folder / "vocabulary.json").write_text(json.dumps(vocabulary), encoding="utf-8")
    np.savez(folder / "model.npz", **arrays)
    manifest = {
        "version": "test", "feature_version": FEATURE_VERSION, "categories": list(MODEL_CLASSES),
        "decision": decision or {"relabel_margin": 0.3, "drop_below": 0.3,
                                 "propose_above": 0.7, "order_by_confidence": 0.0},
        "intensity": {"ASSAULT": 9.0, "CONSULT": 2.0},
        "files": {"vocabulary.json": sha256_of(folder / "vocabulary.json"),
                  "model.npz": sha256_of(folder / "model.npz")},
    }
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return folder


@pytest.fixture
def toy_model(tmp_path: Path) -> LearnedModel:
    """Says 'shelled' and 'met' are events (ASSAULT, CONSULT); 'said' is not."""
    folder = write_model(
        tmp_path / "toy", ["w:shelled", "w:met", "w:said"],
        {"w:shelled": 8.0, "w:met": 8.0, "w:said": -8.0},
        {("ASSAULT", "w:shelled"): 9.0, ("CONSULT", "w:met"): 9.0},
    )
    return load_model(folder)


@pytest.fixture(scope="session")
def blank_nlp():
    """A blank English pipeline with a sentencizer: sentences without a statistical model."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp
