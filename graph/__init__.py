"""Bestuursgraaf: turn Dutch parliamentary letters into a linked-data graph."""
