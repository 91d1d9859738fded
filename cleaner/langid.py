"""Which language a text is in: cheap checks first, langdetect only where they cannot decide."""

from __future__ import annotations


def detect_language(text: str) -> tuple[str | None, float]:
    """The main language of ``text`` and a confidence in [0, 1]; ``(None, 0.0)`` when unknown."""
    sample = text[:4000]
    if len(sample.split()) < 5:
        return None, 0.0
    from langdetect import DetectorFactory, detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0
    try:
        best = detect_langs(sample)[0]
    except LangDetectException:
        return None, 0.0
    return best.lang, round(best.prob, 3)
