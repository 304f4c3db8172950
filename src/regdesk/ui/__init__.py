"""The clerk's desktop app (PySide6). The only package that imports Qt.

Layout: ``controllers/`` hold the logic (those with no Qt are tested without a QApplication),
``views/`` hold layout only, ``models/`` hold Qt item models, ``tasks.py`` runs store calls on
one serialized DB thread and network calls on a pool, ``session.py`` is what a signed-in
controller gets (never the app), ``app.py`` is the composition root.
"""
