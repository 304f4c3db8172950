"""Files that carry personal data off the desk: the one rule for the NIKs they hold, owner-only
files, and one audit row per file.

Every export that writes names, NIKs or phones to a file goes through here: ``regdesk export``
(xlsx/csv), the import report (``import --report``, the wizard's "save report"), the
needs-fixing list (``needs-fixing -o``, the menu), the due list (``due -o`` as json, xlsx or
pdf). Asking the user first is the caller's part (the CLI's ``--yes`` or its prompt, the GUI's
yes/no dialog): services never talk to people.

The NIK rule for files (:func:`nik_rule`): masked (``3216********0001``) for everyone by
default. Supervisors and admins get whole NIKs only when they ask for them (``--full-nik``),
and the audit row says so; operators never (:class:`FullNikDenied`). Screens keep their own
rule (:func:`regdesk.services.registrations.shown_nik`): what a supervisor may *see* at the desk
is not what should leave it in a file by default.

The audit row (action :data:`EXPORT_ACTION`, entity ``export``, the kind as its id) names the
kind, format, row count, ``nik`` (``masked`` or ``full``) and the file's *name* — never its
folder (a user's home, a USB stick's label) and never a value from the file. It is written in
the same transaction that moves the finished file into place, so a file is there only with its
row (a failed commit removes the file again).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from regdesk.domain.masking import mask_nik
from regdesk.domain.problems import error
from regdesk.oscompat import create_private
from regdesk.store import Role, Store, UserInfo, audit
from regdesk.store.errors import StoreError
from regdesk.store.users import RANK

EXPORT_ACTION = "export.personal_data"


class FullNikDenied(StoreError):
    """Whole NIKs in a file were asked for by a role that never gets them (operators)."""

    def __init__(self, role: str) -> None:
        self.role = role
        super().__init__([error("full_nik", "export.full_nik_denied", role=role)])


@dataclass(frozen=True, slots=True)
class NikRule:
    """How the NIKs of one export are written: whole (``full``) or masked."""

    full: bool = False

    @property
    def masked(self) -> bool:
        return not self.full

    @property
    def word(self) -> str:
        """``masked`` or ``full``, as the audit row and ``--json`` name it."""
        return "full" if self.full else "masked"

    def __call__(self, nik: str) -> str:
        return nik if self.full else mask_nik(nik)


MASKED = NikRule(full=False)


def nik_rule(user: UserInfo, *, full_nik: bool = False) -> NikRule:
    """The NIK rule of a file ``user`` exports: masked unless ``full_nik`` is asked for by a
    supervisor or an admin; an operator asking for it is refused (:class:`FullNikDenied`)."""
    if not full_nik:
        return MASKED
    if RANK[Role(user.role)] < RANK[Role.SUPERVISOR]:
        raise FullNikDenied(user.role)
    return NikRule(full=True)


@dataclass(slots=True)
class Staged:
    """The file being written (``path``, owner-only from its creation) and what it holds: the
    writer sets ``rows`` (and may add ``detail`` for the audit row: filters, language)."""

    path: Path
    rows: int = 0
    detail: dict[str, Any] = field(default_factory=dict)


def staging_path(target: Path) -> Path:
    """Where ``target`` is written before it is moved into place (same folder: one rename)."""
    return target.with_name(f".{target.name}.writing")


@contextmanager
def personal_file(store: Store, target: Path, *, user: UserInfo, kind: str, fmt: str,
                  rule: NikRule) -> Iterator[Staged]:
    """Write one export: the body writes ``staged.path`` (already created 0600, empty) and
    sets ``staged.rows``; then, in one write transaction, the audit row is added and the file
    renamed to ``target``. If the body fails nothing is left behind; if the commit fails the
    file is removed again."""
    staged = Staged(staging_path(target))
    create_private(staged.path)
    try:
        yield staged
        _publish(store, staged, target, user=user, kind=kind, fmt=fmt, rule=rule)
    finally:
        staged.path.unlink(missing_ok=True)


def _publish(store: Store, staged: Staged, target: Path, *, user: UserInfo, kind: str,
             fmt: str, rule: NikRule) -> None:
    moved = False
    try:
        with store.write() as session:
            audit.record(session, at=store.clock(), actor=user.username, action=EXPORT_ACTION,
                         entity="export", entity_id=kind,
                         detail=export_detail(kind=kind, fmt=fmt, rows=staged.rows, rule=rule,
                                              target=target, extra=staged.detail))
            staged.path.replace(target)
            moved = True
    except BaseException:
        if moved:
            target.unlink(missing_ok=True)
        raise


def export_detail(*, kind: str, fmt: str, rows: int, rule: NikRule, target: Path | None,
                  extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """The audit detail of one export: what, how many, masked or full, the file's name only."""
    return {"kind": kind, "format": fmt, "rows": rows, "nik": rule.word,
            "file": target.name if target is not None else None, **(extra or {})}


def record_stdout_export(store: Store, *, user: UserInfo, kind: str, fmt: str, rows: int,
                         rule: NikRule) -> None:
    """An export printed to standard output (no file of ours) is audited only when it carries
    whole NIKs: masked output is what a screen shows."""
    if rule.full:
        store.record_audit(action=EXPORT_ACTION, entity="export", entity_id=kind, user=user,
                           detail=export_detail(kind=kind, fmt=fmt, rows=rows, rule=rule,
                                                target=None))
