"""Language identification, so the pipeline can skip documents that are not in English.

Uses py3langid (Lui & Baldwin's langid.py model, 97 languages, offline, ~0.5 s to load once per
process). Lui, M. and Baldwin, T. (2012). langid.py: An Off-the-shelf Language Identification
Tool. Proceedings of ACL 2012 System Demonstrations, 25-30.
"""

from __future__ import annotations

import functools
import re

__all__ = ["detect_language", "MIN_LETTERS", "MIN_CONFIDENCE"]

#: Texts with fewer letters than this are too short to identify; ``detect_language`` gives None.
MIN_LETTERS = 20
#: Below this probability the guess is withheld (None) rather than risk skipping a document.
MIN_CONFIDENCE = 0.5
# The opening of a long article identifies its language as well as the whole does, much faster.
_SAMPLE_CHARS = 10_000


@functools.lru_cache(maxsize=1)
def _identifier():  # -> py3langid.langid.LanguageIdentifier
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    # norm_probs=True turns the scores into probabilities, so MIN_CONFIDENCE means something.
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


# Function words that are common in English and rare as words in other languages written in the
# Latin script. When enough of a text's words are among them, the text is English and the
# statistical identifier (several milliseconds a document, a tenth of parsing time for news
# briefs) is not needed.
_ENGLISH_MARKERS = frozenset(
    "the of and to that is was for with by said it from has have were this which their its "
    "but not are will would been had they who after".split())
_MARKER_SHARE = 0.15
_MARKER_MIN_WORDS = 40
_WORD = re.compile(r"[A-Za-z]+")


def _clearly_english(sample: str) -> bool:
    words = _WORD.findall(sample[:3000])
    if len(words) < _MARKER_MIN_WORDS:
        return False
    markers = sum(1 for w in words if w.lower() in _ENGLISH_MARKERS)
    return markers / len(words) >= _MARKER_SHARE


def detect_language(text: str, *, min_confidence: float = MIN_CONFIDENCE) -> str | None:
    """Return the ISO 639-1 code of the language of ``text``, or None when unsure.

    None means "cannot tell" (fewer than ``MIN_LETTERS`` letters, or the best guess has a
    probability below ``min_confidence``); callers that skip non-English documents should keep
    a document whose language is None. Only the first 10,000 characters are looked at; a text
    whose words are at least 15% English function words (of 40 or more words) is English without
    running the statistical model.

    >>> detect_language("The prime minister rejected the proposal of the opposition.")
    'en'
    >>> detect_language("Le premier ministre a rejeté la proposition de l'opposition.")
    'fr'
    >>> detect_language("OK.") is None
    True
    """
    sample = text[:_SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return None
    if _clearly_english(sample):
        return "en"
    language, probability = _identifier().classify(sample)
    return str(language) if probability >= min_confidence else None
