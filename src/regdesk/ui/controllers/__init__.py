"""Presenters with no Qt widgets: they talk to a view through a small protocol."""
