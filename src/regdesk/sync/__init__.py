"""Desk ↔ HQ sync engine: the only package that imports requests."""
