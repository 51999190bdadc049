"""Extraction stages: pure functions from a passage of letter text to dataclasses of facts."""
