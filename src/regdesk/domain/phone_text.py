"""Mobile numbers as clerks read them, without the phone-number library (the window imports
this at start-up; :mod:`regdesk.domain.phone`, which validates, costs ~0.1 s to import)."""

from __future__ import annotations

import re

# the stored form: +62 and a national number without its trunk 0 (what the desk sends to HQ)
E164_ID = re.compile(r"\+62([1-9][0-9]{5,12})")


def national_mobile(stored: str) -> str:
    """The stored E.164 number as a clerk writes it: ``+6281234567890`` → ``0812 3456 7890``
    (the trunk 0, groups of four; a short tail joins the group before it). Anything not in
    stored form is returned as it is."""
    found = E164_ID.fullmatch(stored or "")
    if not found:
        return stored
    national = "0" + found.group(1)
    groups = [national[i:i + 4] for i in range(0, len(national), 4)]
    if len(groups) > 1 and len(groups[-1]) < 3:
        groups[-2:] = [groups[-2] + groups[-1]]
    return " ".join(groups)
