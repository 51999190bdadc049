"""Readers and fetchers of the official record: KOOP publications and the Tweede Kamer open data."""
