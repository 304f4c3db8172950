"""Use cases of the desk, one per user action, shared by the CLI, the GUI and the tests.

A service takes its collaborators (store, clock, acting user, paths) as keyword arguments and
returns a frozen result or an existing read model, or raises one of the typed errors in
:mod:`regdesk.services.errors`. Services never import Qt, the UI or the CLI, and they (with the
store) are the only code that opens database sessions.
"""
