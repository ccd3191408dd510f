"""Sentences and parses: load a spaCy pipeline by name or path and parse documents."""

from faultlines.nlp.pipeline import load_pipeline, parse_documents, split_long_text

__all__ = ["load_pipeline", "parse_documents", "split_long_text"]
