"""Actors stage: mentions, resolution against a knowledge base, PETRARCH importer."""
