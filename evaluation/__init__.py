"""Evaluation against hand-annotated references: a development tool, not part of the runtime package."""
