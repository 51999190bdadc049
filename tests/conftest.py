"""Shared fixtures: the real corpus, a real built graph, a real embedded store."""
