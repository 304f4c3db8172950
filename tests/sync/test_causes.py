"""Enrolment and sync failures name the real cause, against real servers on 127.0.0.1: a dead
port, an unresolvable name, TLS trouble, a web page that is not HQ, HQ's own code refusals and
a malformed address (refused before anything is sent)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
import requests
from sqlalchemy import update
from tests.sync.causeservers import PageServer, dead_port, self_signed_context
from tests.sync.conftest import SETIAMEKAR

from regdesk import i18n
from regdesk.cli import main
from regdesk.hq.tables import T_ENROL
from regdesk.hq.timeutil import utcnow
from regdesk.services.sync import cause_text, enrol_error_text, sync_error_text
from regdesk.sync.client import HqClient, check_base_url
from regdesk.sync.errors import Cause, Kind, SyncError, cause_of
from regdesk.sync.loop import SyncLoop

NOT_LATER = "sent later"


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    i18n.set_language("en")
    yield
    i18n.set_language("id")


@pytest.fixture
def page() -> Iterator[PageServer]:
    server = PageServer().start()
    yield server
    server.stop()


def failed_enrol(desk, url: str, code: str = "ABCD-EFGH-JKLM") -> SyncError:
    with pytest.raises(SyncError) as caught:
        desk.enrol(url, code)
    return caught.value


def cli(capsys, *argv: str) -> tuple[int, str]:
    code = main(["--lang", "en", *argv])
    return code, capsys.readouterr().err.strip()


def test_dead_port_is_connection_refused(make_desk, capsys) -> None:
    desk = make_desk()
    url = f"http://127.0.0.1:{dead_port()}"
    error = failed_enrol(desk, url)
    assert (error.kind, error.cause) == (Kind.OFFLINE, Cause.REFUSED)
    text = enrol_error_text(error)
    assert text.startswith("Connection refused") and NOT_LATER not in text
    code, err = cli(capsys, "--db", str(desk.store.path), "enrol", url, "ABCD-EFGH-JKLM")
    assert code == 3 and err == f"regdesk: {text}"
    assert desk.store.sync_device() is None


def test_unresolvable_name_is_name_not_found(make_desk, capsys) -> None:
    desk = make_desk()
    url = "https://hq.regdesk.invalid:8765"  # .invalid never resolves (RFC 2606)
    error = failed_enrol(desk, url)
    assert (error.kind, error.cause) == (Kind.OFFLINE, Cause.NAME_NOT_FOUND)
    code, err = cli(capsys, "--db", str(desk.store.path), "enrol", url, "ABCD-EFGH-JKLM")
    assert code == 3 and err == f"regdesk: {cause_text(Cause.NAME_NOT_FOUND)}"
    assert "not found" in err and NOT_LATER not in err


def test_https_to_a_plain_http_server_is_tls(make_desk, page) -> None:
    error = failed_enrol(make_desk(), f"https://127.0.0.1:{page.port}")
    assert (error.kind, error.cause) == (Kind.OFFLINE, Cause.TLS)
    assert "TLS" in enrol_error_text(error)


def test_a_self_signed_certificate_is_named_as_a_certificate_problem(make_desk,
                                                                     tmp_path: Path) -> None:
    server = PageServer(tls=self_signed_context(tmp_path)).start()
    try:
        error = failed_enrol(make_desk(), f"https://127.0.0.1:{server.port}")
    finally:
        server.stop()
    assert (error.kind, error.cause) == (Kind.OFFLINE, Cause.CERTIFICATE)
    assert enrol_error_text(error) == cause_text(Cause.CERTIFICATE)
    assert "certificate" in enrol_error_text(error) and "admin" in enrol_error_text(error)


@pytest.mark.parametrize("url", ["http://hq.example.id:8765", "http://10.0.0.5",
                                 "http://[2001:db8::1]:8765"])
def test_plain_http_to_another_machine_is_refused_unless_allowed(make_desk, capsys,
                                                                 url: str) -> None:
    with pytest.raises(SyncError) as caught:
        check_base_url(url)
    assert (caught.value.kind, caught.value.cause) == (Kind.CLIENT, Cause.PLAIN_HTTP)
    assert check_base_url(url, allow_plain_http=True) == url
    desk = make_desk()
    code, err = cli(capsys, "--db", str(desk.store.path), "enrol", url, "ABCD-EFGH-JKLM")
    assert code == 3 and err == f"regdesk: {cause_text(Cause.PLAIN_HTTP)}"
    assert "https://" in err and desk.store.sync_device() is None


@pytest.mark.parametrize("host", ["127.0.0.1", "127.3.2.1", "localhost", "[::1]"])
def test_plain_http_to_this_pc_stays_allowed(host: str) -> None:
    assert check_base_url(f"http://{host}:8765") == f"http://{host}:8765"


def test_allowing_plain_http_is_an_audited_setting(make_desk, capsys) -> None:
    from regdesk.sync.service import plain_http_allowed

    desk = make_desk()
    url = "http://hq.regdesk.invalid:8765"  # allowed, then the name does not resolve
    code, err = cli(capsys, "--db", str(desk.store.path), "enrol", url, "ABCD-EFGH-JKLM",
                    "--allow-plain-http")
    assert code == 3 and err == f"regdesk: {cause_text(Cause.NAME_NOT_FOUND)}"
    assert not plain_http_allowed(desk.store)  # nothing kept from a failed enrolment


@pytest.mark.parametrize("status", [200, 404])
def test_a_web_page_is_not_a_regdesk_hq(make_desk, capsys, status: int) -> None:
    server = PageServer(status=status).start()
    try:
        desk = make_desk()
        url = f"http://127.0.0.1:{server.port}"
        error = failed_enrol(desk, url)
        code, err = cli(capsys, "--db", str(desk.store.path), "enrol", url, "ABCD-EFGH-JKLM")
    finally:
        server.stop()
    assert error.cause is Cause.NOT_REGDESK_HQ
    assert code == 3 and err == "regdesk: " + cause_text(Cause.NOT_REGDESK_HQ)
    assert "not a RegDesk HQ" in err


@pytest.mark.parametrize(("status", "body"), [
    (200, b'{"status": "ok"}'),  # JSON, but not an enrolment answer
    (404, b'{"detail": "Not Found"}'),  # another API without /api/v1/enrol
    (200, b"hello"),  # plain text
])
def test_an_answer_of_another_shape_is_not_a_regdesk_hq(make_desk, status: int,
                                                        body: bytes) -> None:
    server = PageServer(status=status, body=body, content_type="application/json").start()
    try:
        error = failed_enrol(make_desk(), f"http://127.0.0.1:{server.port}")
    finally:
        server.stop()
    assert error.cause is Cause.NOT_REGDESK_HQ


def test_hq_names_unknown_used_and_expired_codes(hq, make_desk, capsys) -> None:
    desk = make_desk()
    db = str(desk.store.path)
    unknown = failed_enrol(desk, hq.url, "AAAA-BBBB-CCCC")
    assert (unknown.kind, unknown.cause) == (Kind.CLIENT, Cause.CODE_UNKNOWN)
    code, err = cli(capsys, "--db", db, "enrol", hq.url, "AAAA-BBBB-CCCC")
    assert code == 3 and err == "regdesk: " + cause_text(Cause.CODE_UNKNOWN)

    spent = hq.code(SETIAMEKAR)
    desk.enrol(hq.url, spent)
    used = failed_enrol(make_desk(name="other"), hq.url, spent)
    assert used.cause is Cause.CODE_USED
    assert enrol_error_text(used) == "This enrolment code has already been used; ask HQ for a " \
        "new one."

    stale = hq.code(SETIAMEKAR)
    with hq.runtime.engine.begin() as connection:  # as if its 72 hours had passed
        connection.execute(update(T_ENROL).values(expires_at=utcnow() - timedelta(hours=1))
                           .where(T_ENROL.c.used_at.is_(None)))
    other = make_desk(name="third")
    expired = failed_enrol(other, hq.url, stale)
    assert expired.cause is Cause.CODE_EXPIRED
    code, err = cli(capsys, "--db", str(other.store.path), "enrol", hq.url, stale)
    assert code == 3 and err == "regdesk: This enrolment code has expired; ask HQ for a new one."
    assert len({cause_text(c) for c in (Cause.CODE_UNKNOWN, Cause.CODE_USED,
                                        Cause.CODE_EXPIRED)}) == 3


@pytest.mark.parametrize("url", [
    "hq.example.id:8765", "127.0.0.1:8765", "http://hq example.id", "ftp://hq.example.id",
    "http://", "http://hq.example.id:99999", "http://hq.example.id:port", "https://hq?x=1",
    " ", "http://hq.example.id/#top",
])
def test_a_malformed_address_is_refused_before_any_request(make_desk, capsys, page,
                                                           url: str) -> None:
    with pytest.raises(SyncError) as caught:
        check_base_url(url)
    assert (caught.value.kind, caught.value.cause) == (Kind.CLIENT, Cause.MALFORMED_URL)
    desk = make_desk()
    code, err = cli(capsys, "--db", str(desk.store.path), "enrol", url, "ABCD-EFGH-JKLM")
    assert code == 3 and err.startswith("regdesk: The HQ address is not a valid web address")
    assert page.hits == 0 and desk.store.sync_device() is None


def test_a_malformed_address_with_a_live_host_sends_nothing(make_desk, page) -> None:
    error = failed_enrol(make_desk(), f"http://127.0.0.1:{page.port}/ hq")
    assert error.cause is Cause.MALFORMED_URL and page.hits == 0
    assert check_base_url(f" http://127.0.0.1:{page.port}/hq/ ") == \
        f"http://127.0.0.1:{page.port}/hq"


def test_cause_of_walks_the_chain() -> None:
    """What requests raises wraps urllib3's error, which wraps the socket's."""
    url = f"http://127.0.0.1:{dead_port()}/"
    with pytest.raises(requests.ConnectionError) as refused:
        requests.get(url, timeout=2)
    assert cause_of(refused.value) is Cause.REFUSED
    with pytest.raises(requests.exceptions.MissingSchema) as missing:
        requests.get("hq.example.id", timeout=2)
    assert cause_of(missing.value) is Cause.MALFORMED_URL
    assert cause_of(ValueError("no cause here")) is None
    assert cause_of(SyncError(Kind.SERVER, cause=Cause.SERVER_ERROR)) is Cause.SERVER_ERROR


def test_a_read_timeout_is_timeout() -> None:
    import socket

    with socket.socket() as silent:  # accepts (backlog) but never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        client = HqClient(f"http://127.0.0.1:{silent.getsockname()[1]}", timeout=(1.0, 0.3))
        try:
            with pytest.raises(SyncError) as caught:
                client.changes(0)
        finally:
            client.close()
    assert (caught.value.kind, caught.value.cause) == (Kind.OFFLINE, Cause.TIMEOUT)


def test_sync_against_a_stopped_hq_names_the_cause_and_keeps_the_data(hq, make_desk,
                                                                       capsys) -> None:
    desk = make_desk()
    desk.add_demo(2)
    desk.enrol(hq.url, hq.code(SETIAMEKAR))
    hq.stop()
    step = SyncLoop(desk.store).step()
    assert step.online is False and step.error is not None
    assert step.error.cause is Cause.REFUSED
    text = sync_error_text(step.error, str)
    assert text.startswith("Connection refused") and text.endswith(
        "The data stays safe on this desk and will be sent later.")
    code, err = cli(capsys, "--db", str(desk.store.path), "sync")
    assert code == 3 and err == f"regdesk: {text}"


def test_sync_without_a_cause_keeps_the_kind_sentence() -> None:
    error = SyncError(Kind.AUTH, "token refused", cause=Cause.REVOKED)
    assert sync_error_text(error, lambda kind: f"kind {kind}") == "kind auth"
    assert sync_error_text(SyncError(Kind.BUSY), lambda kind: f"kind {kind}") == "kind busy"


def test_every_cause_has_a_sentence_in_both_languages() -> None:
    for lang in ("id", "en"):
        i18n.set_language(lang)
        texts = [cause_text(cause) for cause in Cause]
        assert len(set(texts)) == len(Cause)
        assert all(text.endswith(".") and "\n" not in text for text in texts)
    for kind in Kind:
        assert NOT_LATER not in enrol_error_text(SyncError(kind))


def test_an_enrolment_that_allows_plain_http_keeps_it_as_an_audited_setting(hq, make_desk,
                                                                            capsys) -> None:
    from regdesk.sync.service import plain_http_allowed

    desk = make_desk()
    code, _ = cli(capsys, "--db", str(desk.store.path), "enrol", hq.url, hq.code(SETIAMEKAR),
                  "--allow-plain-http")
    assert code == 0 and plain_http_allowed(desk.store)
    with desk.store.read() as session:
        from sqlmodel import select

        from regdesk.store.models import AuditEntry

        kept = [a.action for a in session.exec(select(AuditEntry).where(
            AuditEntry.entity_id == "allow_plain_http")).all()]
    assert kept == ["settings.change"]
