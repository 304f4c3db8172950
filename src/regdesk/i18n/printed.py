"""Texts on paper, and the status labels every layer shows.

Receipts, cards, recaps and the calibration page are official papers of the village office:
they are printed in :data:`PRINT_LANG` (Indonesian) whatever language the screen shows, so
their texts come from the catalogue through :func:`printed` (``print.*`` keys).
"""

from __future__ import annotations

from typing import Any

from regdesk.i18n.state import has, t

PRINT_LANG = "id"


def printed(key: str, n: int | None = None, **params: Any) -> str:
    """The text of ``key`` in the printouts' language (``{placeholders}`` filled)."""
    return t(key, n, lang=PRINT_LANG, **params)


def status_label(code: str, lang: str | None = None) -> str:
    """The label of a registration status (``pending`` → ``Menunggu sinkron``) in ``lang``
    (default: the process language); unknown codes as they are."""
    key = f"status.{code}"
    return t(key, lang=lang) if has(key, lang) else code
