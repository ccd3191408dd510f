"""Loading the learned model's arrays: checks, refusals, scores and the shipped files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from faultlines.coding.learned.features import terms, vectorize
from faultlines.coding.learned.model import DATA_DIR, default_model, load_model, model_info
from faultlines.errors import ModelError


def test_toy_model_scores_follow_its_weights(toy_model):
    p_war, cats_war = toy_model.sentence_scores("Artillery shelled the border village.")
    p_talk, cats_talk = toy_model.sentence_scores("The mayor said nothing new.")
    assert p_war > 0.9 and p_talk < 0.1
    assert max(cats_war, key=cats_war.get) == "ASSAULT"
    assert abs(sum(cats_war.values()) - 1.0) < 1e-9


def test_a_changed_byte_is_refused(toy_model, tmp_path: Path):
    folder = tmp_path / "toy"
    data = bytearray((folder / "model.npz").read_bytes())
    data[-40] ^= 0xFF
    (folder / "model.npz").write_bytes(bytes(data))
    with pytest.raises(ModelError, match="sha256 does not match"):
        load_model(folder)


def test_an_object_array_is_refused_even_with_a_matching_hash(toy_model, tmp_path: Path):
    folder = tmp_path / "toy"
    with np.load(folder / "model.npz") as npz:
        arrays = {k: npz[k] for k in npz.files}
    arrays["idf"] = np.array([{"code": "would need pickle"}] * 3, dtype=object)
    np.savez(folder / "model.npz", **arrays)  # savez pickles object arrays
    manifest = json.loads((folder / "manifest.json").read_text())
    import hashlib

    manifest["files"]["model.npz"] = hashlib.sha256((folder / "model.npz").read_bytes()
                                                    ).hexdigest()
    (folder / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(ModelError, match="without pickle"):
        load_model(folder)


def test_a_missing_manifest_names_the_file_and_the_fix(tmp_path: Path):
    with pytest.raises(ModelError, match=r"manifest\.json.*make train"):
        load_model(tmp_path)


def test_features_fold_digits_and_pad_words():
    assert "w:0000" in terms("In 2024") and "w:2024" not in terms("In 2024")
    cols, vals = vectorize("peace talks", {"w:peace": 0, "w:talks": 1}, [1.0, 2.0])
    assert cols == [0, 1] and vals[1] == pytest.approx(2 * vals[0])
    assert sum(v * v for v in vals) == pytest.approx(1.0)


@pytest.mark.skipif(not (DATA_DIR / "manifest.json").is_file(), reason="no shipped model")
def test_shipped_model_loads_small_and_records_its_training_data():
    model = default_model()
    size = sum(p.stat().st_size for p in DATA_DIR.iterdir())
    assert size < 5_000_000
    info = model_info()
    # a model trained since tools/training_data/ also records our own sentences
    assert {"plover_gsr_dev.json", "plv_train.json", "cameo_train.json"} <= set(info["data"])
    assert set(info["data"]) <= {"plover_gsr_dev.json", "plv_train.json", "cameo_train.json",
                                 "own_sentences.jsonl"}
    assert all(len(h) == 64 for h in info["data"].values())
    assert model.manifest["split"].startswith("tuned part only")
    p, cats = model.sentence_scores("Troops opened fire on the protesters at dawn.")
    assert 0.0 <= p <= 1.0 and set(cats) == set(model.categories)


@pytest.mark.skipif(not (DATA_DIR / "manifest.json").is_file(), reason="no shipped model")
def test_shipped_model_refuses_tampering_of_a_copy(tmp_path: Path):
    folder = tmp_path / "copy"
    shutil.copytree(DATA_DIR, folder)
    voc = json.loads((folder / "vocabulary.json").read_text())
    voc[0] = "w:tampered"
    (folder / "vocabulary.json").write_text(json.dumps(voc))
    with pytest.raises(ModelError, match="vocabulary.json: sha256"):
        load_model(folder)


@pytest.mark.parametrize("text", [
    "Peace talks peace talks in 2024 failed.", "", "!!", "The envoy's visit, then a truce.",
    "Rebels rebels rebels shelled the town twice",
])
def test_the_cached_vectorizer_gives_vectorize_exactly(text):
    from faultlines.coding.learned.features import Vectorizer

    vocabulary = sorted({*terms("peace talks failed rebels shelled the town"), "w:0000"})
    index = {t: i for i, t in enumerate(vocabulary)}
    idf = [1.0 + i / 7 for i in range(len(vocabulary))]
    vectorizer = Vectorizer(index, idf)
    for _ in range(2):  # the second call reads the per-word caches
        assert vectorizer(text) == vectorize(text, index, idf)
        cols, vals = vectorizer.arrays(text)
        want_cols, want_vals = vectorize(text, index, idf)
        assert cols.tolist() == want_cols
        assert vals.tolist() == pytest.approx(want_vals, rel=1e-12)


def test_many_arrays_are_each_text_s_arrays_exactly():
    from faultlines.coding.learned.features import Vectorizer

    vocabulary = sorted({*terms("peace talks failed rebels shelled the town"), "w:0000"})
    index = {t: i for i, t in enumerate(vocabulary)}
    vectorizer = Vectorizer(index, [1.0 + i / 7 for i in range(len(vocabulary))])
    texts = ["Peace talks peace talks in 2024 failed.", "", "Rebels shelled the town twice",
             "!!", "the " * 300, "Talks failed."]  # a term 300 times: the logarithm path
    for batch in (texts, texts[:4], texts[5:]):
        cols, vals, sizes = vectorizer.many_arrays(batch)
        assert sizes.tolist() == [vectorizer.arrays(t)[0].size for t in batch]
        assert cols.tolist() == [c for t in batch for c in vectorizer.arrays(t)[0].tolist()]
        assert vals.tolist() == [v for t in batch for v in vectorizer.arrays(t)[1].tolist()]


def test_document_scores_are_the_sentence_scores_of_each_text(toy_model):
    texts = ["Artillery shelled the border village.", "", "The mayor said nothing new.",
             "Nothing here is known to the model", "Envoys met and then shelled and met."]
    batch = toy_model.document_scores(texts)
    assert len(batch) == len(texts) and toy_model.document_scores([]) == []
    for text, (p, cats) in zip(texts, batch, strict=True):
        want_p, want_cats = toy_model.sentence_scores(text)
        alone_p, alone_cats = toy_model.document_scores([text])[0]
        assert p == pytest.approx(want_p, abs=1e-12) and p == alone_p
        assert cats == pytest.approx(want_cats, abs=1e-12) and cats == alone_cats
    assert batch[0][0] > 0.9 and batch[2][0] < 0.1


def test_a_combiner_of_another_width_is_refused(toy_model, tmp_path: Path):
    import hashlib

    from faultlines.coding.learned.model import N_FEATURES

    folder = tmp_path / "toy"
    with np.load(folder / "model.npz") as npz:
        arrays = {k: npz[k] for k in npz.files}
    arrays["combiner_coef"] = np.zeros(N_FEATURES + 3)
    np.savez(folder / "model.npz", **arrays)
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["files"]["model.npz"] = hashlib.sha256((folder / "model.npz").read_bytes()
                                                    ).hexdigest()
    (folder / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(ModelError, match=f"{N_FEATURES + 3} weights.*{N_FEATURES} features"):
        load_model(folder)
