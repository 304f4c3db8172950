"""The clerk's desktop app (PySide6). The only package that imports Qt.

Layout: ``controllers/`` hold logic with no widgets (testable without a QApplication),
``views/`` hold layout only, ``models/`` hold Qt item models, ``tasks.py`` runs store calls on
one serialized DB thread and network calls on a pool, ``app.py`` wires it all together.
"""
