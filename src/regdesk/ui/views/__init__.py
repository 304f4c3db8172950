"""Widgets: layout and signals only; logic lives in ``regdesk.ui.controllers``."""
