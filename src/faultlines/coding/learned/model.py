"""Load the shipped model arrays and score sentences with them (no scikit-learn, no pickle).

A model is a folder of three files written by ``tools/train.py``: ``manifest.json`` (version,
training-data hashes, decision thresholds and the sha256 of the two other files),
``vocabulary.json`` (the n-gram terms, in column order) and ``model.npz`` (plain float arrays,
read with ``allow_pickle=False``). A file whose hash does not match the manifest is refused.
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from faultlines.coding.learned.features import FEATURE_VERSION, Vectorizer
from faultlines.errors import ModelError

__all__ = ["LearnedModel", "DATA_DIR", "N_FEATURES", "REQUIRED_ARRAYS", "load_model",
           "default_model", "model_info", "sha256_of"]

DATA_DIR = Path(__file__).parent / "data"
#: How many inputs the combiner has (``combine.candidate_features``; its weights must match).
N_FEATURES = 10
#: Arrays every model.npz must hold, with their number of dimensions.
REQUIRED_ARRAYS = {
    "idf": 1, "event_coef": 1, "event_intercept": 1, "category_coef": 2,
    "category_intercept": 1, "combiner_coef": 1, "combiner_intercept": 1,
    "calibration_x": 1, "calibration_y": 1,
}


def sha256_of(path: Path) -> str:
    """Hex sha256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass(frozen=True, eq=False)
class LearnedModel:
    """The event-or-not and category models, the combiner's weights and its calibration."""

    manifest: dict[str, Any]
    index: dict[str, int]
    categories: tuple[str, ...]
    arrays: dict[str, np.ndarray] = field(repr=False)
    #: idf as Python floats, and the event and category weights side by side (terms x 1+C)
    #: so that one gather scores both models.
    idf: list[float] = field(default_factory=list, repr=False)
    weights: np.ndarray = field(default_factory=lambda: np.zeros((0, 0)), repr=False)
    #: The sentence -> TF-IDF vector function (its per-word lookups cached).
    vectorizer: Vectorizer = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "vectorizer", Vectorizer(self.index, self.idf))

    @property
    def version(self) -> str:
        return str(self.manifest.get("version", "unknown"))

    @property
    def decision(self) -> dict[str, float]:
        return {k: float(v) for k, v in self.manifest.get("decision", {}).items()}

    def sentence_scores(self, text: str) -> tuple[float, dict[str, float]]:
        """Probability that ``text`` reports a PLOVER event, and the category probabilities.

        The same numbers as ``document_scores([text])[0]`` (it is that call).

        >>> m = default_model()  # doctest: +SKIP
        >>> p, cats = m.sentence_scores("Rebels shelled the town.")  # doctest: +SKIP
        """
        return self.document_scores([text])[0]

    def document_scores(self, texts: Sequence[str]) -> list[tuple[float, dict[str, float]]]:
        """:meth:`sentence_scores` of every text (a document's sentences) in one matrix step.

        The TF-IDF vectors of all texts are laid end to end, their weight rows gathered and
        scaled in one operation and summed per text with ``np.add.reduceat`` (each text's rows
        summed in the same order whatever the batch), then the logistic and softmax are taken
        for all texts at once: the result for a text does not depend on the others.
        """
        if not texts:
            return []
        cols, vals, sizes = self.vectorizer.many_arrays(texts)
        width = self.weights.shape[1]
        scores = np.zeros((len(texts), width))
        nonempty = np.flatnonzero(sizes)
        if nonempty.size:
            starts = np.concatenate(([0], np.cumsum(sizes[nonempty])[:-1]))
            rows = np.take(self.weights, cols, axis=0)
            rows *= vals[:, None]
            scores[nonempty] = np.add.reduceat(rows, starts, axis=0)
        z = np.clip(scores[:, 0] + float(self.arrays["event_intercept"][0]), -50.0, 50.0)
        p_event = 1.0 / (1.0 + np.exp(-z))
        logits = scores[:, 1:] + self.arrays["category_intercept"]
        logits -= logits.max(axis=1, keepdims=True)
        probs = np.exp(logits)
        probs /= probs.sum(axis=1, keepdims=True)
        return [(float(p), dict(zip(self.categories, row.tolist(), strict=True)))
                for p, row in zip(p_event.tolist(), probs, strict=True)]

    def combiner_probability(self, features: np.ndarray) -> float:
        """Calibrated probability that an event with these combiner features is right."""
        z = float(self.arrays["combiner_coef"] @ features) + float(
            self.arrays["combiner_intercept"][0])
        raw = 1.0 / (1.0 + math.exp(-max(min(z, 50.0), -50.0)))
        return float(np.interp(raw, self.arrays["calibration_x"], self.arrays["calibration_y"]))


def _refuse(path: Path, reason: str) -> ModelError:
    return ModelError(f"{path}: {reason}; reinstall faultlines or rebuild the model with "
                      f"`make train`")


def load_model(directory: Path | str = DATA_DIR) -> LearnedModel:
    """Read and check a model folder (see the module docstring); raises ``ModelError``.

    Every file's sha256 must match the manifest, ``model.npz`` must hold only the expected
    numeric arrays (object arrays are refused: they would need pickle), and the shapes must agree
    with the vocabulary.
    """
    directory = Path(directory)
    manifest_path = directory / "manifest.json"
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise _refuse(manifest_path, f"cannot read the learned model's manifest ({exc})") from exc
    except ValueError as exc:
        raise _refuse(manifest_path, f"the manifest is not valid JSON ({exc})") from exc
    if manifest.get("feature_version") != FEATURE_VERSION:
        raise _refuse(manifest_path, f"feature version {manifest.get('feature_version')!r} is "
                                     f"not this code's {FEATURE_VERSION}")
    files = manifest.get("files", {})
    for name in ("vocabulary.json", "model.npz"):
        path = directory / name
        if not path.is_file():
            raise _refuse(path, "model file missing")
        if files.get(name) != sha256_of(path):
            raise _refuse(path, "sha256 does not match manifest.json (file changed or tampered)")
    try:
        vocabulary = json.loads((directory / "vocabulary.json").read_text(encoding="utf-8"))
        with np.load(directory / "model.npz", allow_pickle=False) as npz:
            arrays = {k: npz[k] for k in npz.files}
    except (ValueError, OSError, zipfile.BadZipFile) as exc:
        raise _refuse(directory / "model.npz", f"cannot be read without pickle ({exc})") from exc
    missing = sorted(set(REQUIRED_ARRAYS) - set(arrays))
    if missing or set(arrays) - set(REQUIRED_ARRAYS):
        raise _refuse(directory / "model.npz", f"unexpected arrays (missing {missing})")
    for key, ndim in REQUIRED_ARRAYS.items():
        if arrays[key].dtype.kind != "f" or arrays[key].ndim != ndim:
            raise _refuse(directory / "model.npz", f"array {key} is not a {ndim}-d float array")
    categories = tuple(manifest.get("categories", ()))
    n = len(vocabulary)
    if (arrays["idf"].shape != (n,) or arrays["event_coef"].shape != (n,)
            or arrays["category_coef"].shape != (len(categories), n)):
        raise _refuse(directory / "model.npz", "array shapes do not match the vocabulary")
    if arrays["combiner_coef"].shape != (N_FEATURES,):
        raise _refuse(directory / "model.npz", f"the combiner has "
                                               f"{arrays['combiner_coef'].shape[0]} weights, "
                                               f"this code gives {N_FEATURES} features")
    index = {term: i for i, term in enumerate(vocabulary)}
    weights = np.column_stack([arrays["event_coef"], arrays["category_coef"].T]).astype(
        np.float64)
    return LearnedModel(manifest, index, categories, arrays,
                        arrays["idf"].astype(np.float64).tolist(), np.ascontiguousarray(weights))


@functools.lru_cache(maxsize=1)
def default_model() -> LearnedModel:
    """The model shipped in the package, loaded once per process."""
    return load_model(DATA_DIR)


def model_info() -> dict[str, Any]:
    """Version and training-data hashes of the shipped model, without loading its arrays.

    >>> sorted(model_info())  # doctest: +SKIP
    ['data', 'model_sha256', 'version']
    """
    try:
        manifest = json.loads((DATA_DIR / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"version": None, "data": {}, "model_sha256": None}
    return {
        "version": manifest.get("version"),
        "data": {name: d.get("sha256") for name, d in manifest.get("data", {}).items()},
        "model_sha256": manifest.get("files", {}).get("model.npz"),
    }
