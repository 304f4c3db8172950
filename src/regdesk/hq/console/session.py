"""Console sessions: a signed (itsdangerous), HttpOnly, SameSite=Lax cookie scoped to
``/console`` holding the operator's id, a CSRF token, the language and when it was last seen.

The cookie is re-signed on every answer (a sliding idle timeout); a cookie idle longer than the
timeout, or older than the session lifetime, is a signed-out visitor. The cookie is stateless,
so signing out records the moment on the operator: every session of theirs begun before it
(a copied cookie too) is void. The operator is re-read from the database on every request,
so disabling them signs them out at once. The CSRF token is bound to the session (and renewed
at sign-in); every POST must carry it in its ``csrf`` field. Device tokens are never read
here, and the cookie is never sent to ``/api/v1`` (its path) nor read there.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import Engine, insert, select
from sqlalchemy.exc import IntegrityError
from starlette.requests import Request
from starlette.responses import Response

from regdesk.domain.signin import SigninPolicy
from regdesk.hq import operators
from regdesk.hq.db import write_tx
from regdesk.hq.tables import T_SETTING
from regdesk.hq.timeutil import utcnow
from regdesk.i18n import DEFAULT_LANG, LANGUAGES

COOKIE = "regdesk_console"
PATH = "/console"
_SECRET_NAME = "console_secret"


@dataclass
class ConsoleConfig:
    """The console's knobs; tests replace ``clock`` (the app keeps one in ``app.state``)."""

    idle_minutes: int = 30
    lifetime_hours: int = 12  # a session ends this long after sign-in, however busy
    stale_days: int = 7  # Ringkasan: desks with no sync for this many days
    policy: SigninPolicy = operators.CONSOLE_POLICY
    clock: Callable[[], datetime] = utcnow
    _serializer: URLSafeSerializer | None = field(default=None, repr=False)

    def serializer(self, engine: Engine) -> URLSafeSerializer:
        if self._serializer is None:
            self._serializer = URLSafeSerializer(console_secret(engine), salt="regdesk-console")
        return self._serializer


def console_secret(engine: Engine) -> str:
    """The cookie-signing secret, made on first use and kept in ``hq_setting`` (so every
    worker process signs alike)."""
    for _attempt in range(2):
        try:
            with write_tx(engine) as conn:
                stored = conn.execute(select(T_SETTING.c.value)
                                      .where(T_SETTING.c.name == _SECRET_NAME)).scalar()
                if stored is not None:
                    return str(stored)
                made = secrets.token_urlsafe(48)
                conn.execute(insert(T_SETTING).values(name=_SECRET_NAME, value=made))
                return made
        except IntegrityError:  # another worker made it at the same moment
            continue
    raise RuntimeError("cannot load the console secret")


@dataclass
class Session:
    csrf: str
    lang: str = DEFAULT_LANG
    operator_id: int | None = None
    operator: operators.OperatorInfo | None = None
    expired: bool = False  # an operator's session ran past the idle timeout or its lifetime
    since: float | None = None  # when the operator signed in (POSIX seconds)

    def csrf_ok(self, token: str | None) -> bool:
        return bool(token) and hmac.compare_digest(self.csrf, token or "")

    def sign_in(self, op: operators.OperatorInfo, now: datetime) -> None:
        self.operator_id, self.operator, self.since = op.id, op, now.timestamp()
        self.csrf = secrets.token_urlsafe(32)  # a new token for the new privilege

    def sign_out(self) -> None:
        self.operator_id = self.operator = self.since = None
        self.csrf = secrets.token_urlsafe(32)


def _still_valid(found: operators.OperatorInfo | None, since: float) -> bool:
    """The operator exists, is enabled and has not signed out since this session began."""
    if found is None or found.disabled:
        return False
    return found.signed_out_at is None or since > found.signed_out_at.timestamp()


def _cookie(request: Request, engine: Engine, config: ConsoleConfig) -> Any:
    raw = request.cookies.get(COOKIE)
    try:
        return config.serializer(engine).loads(raw) if raw else None
    except BadSignature:
        return None


def _timed_out(config: ConsoleConfig, seen: float, since: float) -> bool:
    now = config.clock().timestamp()
    return now - seen > config.idle_minutes * 60 or now - since > config.lifetime_hours * 3600


def load(request: Request, engine: Engine, config: ConsoleConfig) -> Session:
    """The visitor's session (a fresh anonymous one when absent, forged or idle too long)."""
    data = _cookie(request, engine, config)
    if not isinstance(data, dict) or not isinstance(data.get("csrf"), str):
        return Session(secrets.token_urlsafe(32))
    lang = str(data["lang"]) if data.get("lang") in LANGUAGES else DEFAULT_LANG
    sess = Session(data["csrf"], lang)
    op_id, seen, since = data.get("op"), data.get("seen"), data.get("since")
    if not isinstance(op_id, int) or not isinstance(seen, int | float) \
            or not isinstance(since, int | float):
        return sess
    if _timed_out(config, seen, since):
        sess.expired = True
        sess.csrf = secrets.token_urlsafe(32)
        return sess
    found = operators.get_operator(engine, op_id)
    if found is not None and _still_valid(found, since):
        sess.operator_id, sess.operator, sess.since = found.id, found, since
    return sess


def store(response: Response, request: Request, engine: Engine, config: ConsoleConfig,
          sess: Session) -> Response:
    """Re-sign the session into ``response`` (now is its new last-seen)."""
    value = config.serializer(engine).dumps({
        "csrf": sess.csrf, "lang": sess.lang, "op": sess.operator_id, "since": sess.since,
        "seen": config.clock().timestamp()})
    response.set_cookie(COOKIE, value, path=PATH, httponly=True, samesite="lax",
                        secure=request.url.scheme == "https",
                        max_age=config.idle_minutes * 60 * 4)
    return response
