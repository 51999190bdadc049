"""Tests mirror the code: one module per area (graph, queries, api, store)."""
