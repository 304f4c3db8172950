"""The desk's encryption for the people at the desk: the recovery code shown once at set-up and
its printed sheet, unlocking a database brought from another PC, what Settings says about
where the key is kept."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from regdesk.cards import RecoverySheetData, render_recovery_sheet
from regdesk.domain.problems import error
from regdesk.oscompat import create_private
from regdesk.store import Role, Store, UserInfo, cipher, keystore
from regdesk.store.deskkey import unlock as _unlock
from regdesk.store.errors import ValidationFailed
from regdesk.store.users import require_role


def take_recovery_code(store: Store, *, user: UserInfo | None) -> str | None:
    """The recovery code set-up has not shown yet (admins, or set-up itself with ``None``),
    handed out once and audited (the code itself never is)."""
    if user is not None:
        require_role(user, Role.ADMIN)
    code = store.take_recovery_code()
    if code is not None:
        store.record_audit(action="security.recovery_code_shown", entity="desk",
                           entity_id=store.key.fingerprint,
                           user=user or UserInfo(0, "setup", "", Role.ADMIN.value, True))
    return code


def write_recovery_sheet(store: Store, code: str, out: Path) -> Path:
    """The A4 sheet for the village head (owner-only file; print it, then delete it)."""
    normal = cipher.normalise_code(code)
    if normal is None:
        raise ValidationFailed([error("recovery_code", "recovery.wrong_code")])
    village = store.office_village()
    data = RecoverySheetData(
        code=normal, village_code=village,
        village_name=store.context().regions.name(village) or village,
        created=store.clock().strftime("%d-%m-%Y"), fingerprint=store.key.fingerprint)
    create_private(out)
    render_recovery_sheet(data, out)
    return out


def unlock(db_path: Path, code: str) -> dict[str, Any]:
    """Keep the key of ``db_path`` (from another PC) on this one; says where it went."""
    where = _unlock(db_path, code)
    salt = cipher.salt_of(db_path)
    key_file = keystore.key_file_path(salt) if where == keystore.FILE and salt else None
    return {"key_location": where, "key_file": str(key_file) if key_file else None}


def status(store: Store) -> dict[str, Any]:
    """For Settings and ``regdesk status``: cipher, where the key is, the desk fingerprint,
    whether the recovery code still waits to be written down."""
    return store.encryption_status()
