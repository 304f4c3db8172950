"""The command line signs in before it touches personal data: every subcommand classified
(docs/cli.md), the app's sign-in service with its throttling, lock and audit, a typed password
on a terminal or ``REGDESK_PASSWORD`` for scripts, one-line refusals with exit 2."""

from __future__ import annotations

import argparse
import json
import os
import pty
import re
import select
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from tests import dbfile
from tests.cli_support import CLI_PASSWORD, cli_env, run_cli, signed_in, signed_out
from tests.clock import TestClock

from regdesk import masterdata
from regdesk.cli import build_parser
from regdesk.cli.context import Access

DOCS = Path(__file__).resolve().parents[2] / "docs" / "cli.md"
POLICY = masterdata.signin_policy()
NO_USER = "regdesk: Perintah ini membaca atau mengubah data pribadi"
WRONG = "regdesk: Masuk ditolak: Nama pengguna atau kata sandi salah."
SETUP = 2  # sign-ins of the desk fixture's own set-up (users add, add)


def leaf_commands() -> Iterator[tuple[str, argparse.ArgumentParser]]:
    """Every command a user can run, as typed (``print cards``), with its parser."""

    def walk(parser: argparse.ArgumentParser, path: tuple[str, ...]):  # type: ignore[no-untyped-def]
        subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if not subs:
            yield " ".join(path), parser
        for action in subs:
            for name, sub in action.choices.items():
                yield from walk(sub, (*path, name))

    yield from walk(build_parser(), ())


def documented() -> dict[str, str]:
    rows = re.findall(r"^\| `([a-z][a-z -]*)` \| ([^|]+?) \|", DOCS.read_text(encoding="utf-8"),
                      flags=re.MULTILINE)
    return dict(rows)


def classification(parser: argparse.ArgumentParser) -> str | None:
    access = parser.get_default("access")
    if access is None:
        return None
    flag = parser.get_default("open_with")
    return f"{access}; open with `--{flag}`" if flag else str(access)


def test_every_command_is_classified_as_docs_cli_md_says() -> None:
    commands = dict(leaf_commands())
    assert len(commands) >= 28 and {"search", "print cards", "users unlock"} <= commands.keys()
    found = {name: classification(parser) for name, parser in commands.items()}
    unclassified = sorted(name for name, access in found.items() if access is None)
    assert unclassified == [], f"set access= on these parsers and list them in {DOCS.name}"
    assert found == documented()
    for name, parser in commands.items():  # an "open with" flag is a real boolean option
        flag = parser.get_default("open_with")
        if flag:
            assert parser.parse_args([f"--{flag}"]).__dict__[flag] is True, name


def test_an_unclassified_command_signs_in() -> None:
    from regdesk.cli.context import needs_sign_in

    assert needs_sign_in(argparse.Namespace())
    assert not needs_sign_in(argparse.Namespace(access=Access.OPEN))
    assert needs_sign_in(argparse.Namespace(access=Access.SIGNED_IN, open_with="status",
                                            status=False))
    assert not needs_sign_in(argparse.Namespace(access=Access.SIGNED_IN, open_with="status",
                                                status=True))


@pytest.fixture
def desk(tmp_path: Path, template_db: Path, monkeypatch: pytest.MonkeyPatch,
         capsys: pytest.CaptureFixture[str]) -> Path:
    """A set-up desk (admin ``admin``, operator ``ani``) with one registration; the test
    then runs signed out."""
    path = tmp_path / "desk.sqlite3"
    path.write_bytes(template_db.read_bytes())
    monkeypatch.setenv("REGDESK_DB", str(path))
    monkeypatch.chdir(tmp_path)
    assert run_cli(capsys, "init", "--village", "32.16.06.2006")[0] == 0
    assert run_cli(capsys, "users", "add", "ani", "--role", "operator")[0] == 0
    from tests.factories import valid_registration_data

    (tmp_path / "one.json").write_text(json.dumps(valid_registration_data()), encoding="utf-8")
    assert run_cli(capsys, "add", "--from-json", "one.json")[0] == 0
    assert signin_audit(path) == [("user.signin", "admin")] * SETUP
    signed_out(monkeypatch)
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    return path


def signin_audit(db: Path) -> list[tuple[str, str]]:
    with dbfile.connect(db) as c:
        return c.execute("SELECT action, actor FROM audit WHERE action LIKE 'user.signin%' "
                         "ORDER BY id").fetchall()


def _argv_for(name: str, parser: argparse.ArgumentParser) -> list[str]:
    """The command with a value for each positional and required option: enough to pass
    argparse, so what answers is the sign-in."""
    argv = name.split()
    for group in parser._mutually_exclusive_groups:
        if group.required:  # the first choice (``add --from-json``, never ``--schema``)
            first = group._group_actions[0]
            argv += [first.option_strings[0], *([_value(first)] if first.nargs != 0 else [])]
    for action in parser._actions:
        if action.option_strings and action.required:
            argv += [action.option_strings[0], _value(action)]
        elif not action.option_strings and action.nargs != "?" and action.dest != "help":
            argv.append(_value(action))
    return argv


def _value(action: argparse.Action) -> str:
    if action.choices:
        return str(next(iter(action.choices)))
    return "1" if action.type is int else "x"


def test_every_signed_in_command_refuses_without_a_user(
        desk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before, files = signin_audit(desk), sorted(desk.parent.iterdir())
    with dbfile.connect(desk) as c:
        audit_before = c.execute("SELECT count(*) FROM audit").fetchone()
    tried = 0
    for name, parser in leaf_commands():
        if parser.get_default("access") is not Access.SIGNED_IN:
            continue
        code, out, err = run_cli(capsys, *_argv_for(name, parser))
        assert code == 2 and out == "", name
        assert err.startswith(NO_USER) and err.count("\n") == 1, (name, err)
        assert "--user" in err and "REGDESK_PASSWORD" in err
        tried += 1
    assert tried >= 20
    with dbfile.connect(desk) as c:  # nothing done, nothing written
        assert c.execute("SELECT count(*) FROM audit").fetchone() == audit_before
    assert signin_audit(desk) == before
    assert sorted(desk.parent.iterdir()) == files


def test_setup_commands_on_a_set_up_desk_sign_in(desk: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (("init", "--village", "32.16.18.2005"), ("demo", "--count", "1")):
        code, _out, err = run_cli(capsys, *argv)
        assert code == 2 and err.startswith(NO_USER), argv


def test_open_commands_work_without_a_user(desk: Path, capsys: pytest.CaptureFixture[str],
                                           tmp_path: Path) -> None:
    code, out, _ = run_cli(capsys, "check-nik", "3216064508050001")
    assert code == 0 and "NIK sah" in out
    code, out, _ = run_cli(capsys, "--json", "fees", "--income", "1000000", "--sector",
                           "non-transport", "--funding", "self", "--start", "2026-12")
    assert code == 0 and json.loads(out)["total"] > 0
    code, out, _ = run_cli(capsys, "--json", "sync", "--status")
    assert code == 0 and json.loads(out)["pending"] == 1  # counts only
    code, out, _ = run_cli(capsys, "add", "--schema")
    assert code == 0 and "oneOf" in json.loads(out)
    code, out, _ = run_cli(capsys, "print", "calibration", "-o", str(tmp_path / "cal.pdf"))
    assert code == 0 and (tmp_path / "cal.pdf").read_bytes().startswith(b"%PDF")
    code, out, _ = run_cli(capsys, "--json", "verify-card", "RD1.not-a-card")
    assert code == 1  # past any sign-in, to the card check: no HQ key on this desk yet
    assert [p["code"] for p in json.loads(out)["problems"]] == ["print.not_enrolled"]
    with pytest.raises(SystemExit) as done:
        run_cli(capsys, "search", "--help")
    assert done.value.code == 0
    assert signin_audit(desk) == [("user.signin", "admin")] * SETUP  # only the set-up's own


def test_user_alone_acts_as_nobody(desk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "--user", "admin", "search", "")
    assert code == 2 and out == ""
    assert err.strip() == ("regdesk: Masuk sebagai admin perlu kata sandi: isi variabel "
                           "REGDESK_PASSWORD atau jalankan di terminal untuk mengetiknya.")
    assert signin_audit(desk)[SETUP:] == []  # not an attempt: nothing was tried


def test_wrong_password_and_unknown_user_answer_alike_and_are_audited(
        desk: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REGDESK_PASSWORD", "salah-sandi")
    wrong = run_cli(capsys, "--user", "ani", "show", "x")
    unknown = run_cli(capsys, "--user", "siapa", "show", "x")
    assert wrong == unknown == (2, "", WRONG + "\n")
    monkeypatch.setenv("REGDESK_PASSWORD", CLI_PASSWORD)
    code, out, _ = run_cli(capsys, "--user", "ani", "--json", "search", "")
    assert code == 0 and len(json.loads(out)["results"]) == 1
    assert signin_audit(desk)[SETUP:] == [("user.signin_failed", "ani"),
                                      ("user.signin_failed", "siapa"), ("user.signin", "ani")]


def test_the_refusal_in_english_and_in_json(desk: Path, capsys: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REGDESK_PASSWORD", "salah-sandi")
    code, _, err = run_cli(capsys, "--lang", "en", "--user", "ani", "search", "")
    assert (code, err) == (2, "regdesk: Sign-in refused: Wrong user name or password.\n")
    code, out, err = run_cli(capsys, "--json", "--user", "ani", "search", "")
    assert code == 2 and err == ""
    assert [p["code"] for p in json.loads(out)["problems"]] == ["password.wrong"]
    signed_out(monkeypatch)
    code, _, err = run_cli(capsys, "--lang", "en", "search", "")
    assert code == 2 and err.startswith("regdesk: This command reads or changes personal data")


def test_the_wait_then_the_lock_name_who_lifts_it(
        desk: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        clock: TestClock) -> None:
    monkeypatch.setenv("REGDESK_USER", "ani")
    monkeypatch.setenv("REGDESK_PASSWORD", "salah-sandi")
    start = clock.start + timedelta(minutes=1)
    for attempt in range(POLICY.free_failures):
        with time_machine.travel(start + timedelta(seconds=attempt), tick=False):
            assert run_cli(capsys, "search", "")[2] == WRONG + "\n"
    with time_machine.travel(start + timedelta(seconds=POLICY.free_failures), tick=False):
        code, _, err = run_cli(capsys, "search", "")
    assert code == 2 and err == ("regdesk: Masuk ditolak: Terlalu banyak kata sandi salah. "
                                 "Coba lagi dalam 1 detik.\n")
    at = start + timedelta(seconds=POLICY.free_failures - 1)  # the last failure so far
    for failures in range(POLICY.free_failures, POLICY.lockout_after):
        at += timedelta(seconds=POLICY.delay_after(failures) + 1)
        with time_machine.travel(at, tick=False):
            assert run_cli(capsys, "search", "")[0] == 2
    monkeypatch.setenv("REGDESK_PASSWORD", CLI_PASSWORD)  # now even the right password
    with time_machine.travel(at + timedelta(hours=1), tick=False):
        code, out, err = run_cli(capsys, "search", "")
        assert code == 2 and out == ""
        assert err == ("regdesk: Masuk ditolak: akun ani dikunci setelah terlalu banyak kata "
                       "sandi salah. Admin desa membukanya dengan: regdesk users unlock ani\n")
        signed_in(monkeypatch)  # the admin lifts it
        code, out, _ = run_cli(capsys, "users", "unlock", "ani")
        assert code == 0 and "ani" in out
        signed_in(monkeypatch, user="ani")
        assert run_cli(capsys, "search", "")[0] == 0
    actions = [a for a, _ in signin_audit(desk)[SETUP:]]
    assert actions.count("user.signin_failed") == POLICY.lockout_after
    assert actions.count("user.signin_refused") == 2  # the early try and the locked one
    assert actions[-2:] == ["user.signin", "user.signin"]  # the admin, then ani


def test_a_low_role_signs_in_then_is_refused_by_role(
        desk: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    signed_in(monkeypatch, user="ani")
    code, _, err = run_cli(capsys, "users", "list")
    assert code == 1 and "operator" in err and err.count("\n") == 1


def test_the_old_variable_is_refused_with_the_new_name(
        desk: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    signed_in(monkeypatch)
    monkeypatch.setenv("REGDESK_ADMIN_PASSWORD", CLI_PASSWORD)
    code, out, err = run_cli(capsys, "--lang", "en", "search", "")
    assert (code, out) == (2, "")
    assert err == ("regdesk: REGDESK_ADMIN_PASSWORD is no longer read: use REGDESK_NEW_PASSWORD "
                   "for a password being set (init, demo, users add) and REGDESK_PASSWORD to "
                   "sign in.\n")
    assert run_cli(capsys, "check-nik", "3216064508050001")[0] == 0  # reads no password


def test_init_and_demo_take_the_new_password_and_demo_signs_its_admin_in(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    signed_out(monkeypatch)
    monkeypatch.setenv("REGDESK_NEW_PASSWORD", "demo-sandi-1")
    db = tmp_path / "demo.sqlite3"
    code, out, _ = run_cli(capsys, "--db", db, "--json", "demo", "--count", "2")
    assert code == 0 and json.loads(out)["added"] == 2
    assert signin_audit(db) == [("user.signin", "admin")]
    monkeypatch.setenv("REGDESK_PASSWORD", "demo-sandi-1")
    code, out, _ = run_cli(capsys, "--db", db, "--user", "admin", "--json", "search", "")
    assert code == 0 and len(json.loads(out)["results"]) == 2
    fresh = tmp_path / "fresh.sqlite3"
    code, _, _ = run_cli(capsys, "--db", fresh, "init")  # nobody to sign in as yet
    assert code == 0
    code, _, _ = run_cli(capsys, "--db", fresh, "--user", "admin", "init", "--village",
                         "32.16.06.2006")  # a set-up desk: its admin, signed in
    assert code == 0 and signin_audit(fresh) == [("user.signin", "admin")]


def test_restore_over_a_desk_needs_its_admin(desk: Path, capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch,
                                             tmp_path: Path) -> None:
    signed_in(monkeypatch)
    (tmp_path / "usb").mkdir()
    code, out, _ = run_cli(capsys, "--json", "backup", "--to", tmp_path / "usb")
    assert code == 0
    made = json.loads(out)["path"]
    signed_out(monkeypatch)
    code, _, err = run_cli(capsys, "restore", made, "--yes")
    assert code == 2 and err.startswith(NO_USER)
    signed_in(monkeypatch, user="ani")
    code, _, err = run_cli(capsys, "restore", made, "--yes")
    assert code == 1 and "operator" in err
    signed_in(monkeypatch)
    assert run_cli(capsys, "--json", "restore", made, "--yes")[0] == 0


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_a_password_typed_at_a_terminal(desk: Path) -> None:
    env = {**cli_env(), "REGDESK_DB": str(desk)}
    for name in ("REGDESK_PASSWORD", "REGDESK_USER"):
        env.pop(name)
    typed = _on_a_terminal(["--user", "ani", "--json", "search", ""], env, CLI_PASSWORD)
    assert "Kata sandi ani: " in typed.prompt
    assert CLI_PASSWORD not in typed.output  # not echoed
    assert typed.code == 0 and '"results": [{' in typed.output
    wrong = _on_a_terminal(["--user", "ani", "search", ""], env, "salah-sandi")
    assert wrong.code == 2 and WRONG in wrong.output and "Traceback" not in wrong.output
    assert "salah-sandi" not in wrong.output
    assert signin_audit(desk)[SETUP:] == [("user.signin", "ani"), ("user.signin_failed", "ani")]


class _Typed:
    def __init__(self, prompt: str, output: str, code: int) -> None:
        self.prompt, self.output, self.code = prompt, output, code


def _on_a_terminal(argv: list[str], env: dict[str, str], password: str) -> _Typed:
    """``regdesk ARGV`` on a pseudo-terminal: wait for the prompt, type ``password``, read
    to the end. Every read is bounded (60 s in all), and the child is reaped by its PID."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: a fresh interpreter on the terminal
        os.execve(sys.executable, [sys.executable, "-m", "regdesk", *argv], env)
    deadline = time.monotonic() + 60
    seen = b""

    def read_some() -> bytes:
        ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            raise AssertionError(f"no answer from regdesk on the terminal: {seen!r}")
        try:
            return os.read(fd, 4096)
        except OSError:  # the child closed the terminal
            return b""

    try:
        while b": " not in seen:
            chunk = read_some()
            if not chunk:
                break
            seen += chunk
        prompt = seen.decode(errors="replace")
        os.write(fd, password.encode() + b"\n")
        rest = b""
        while chunk := read_some():
            rest += chunk
    finally:
        os.close(fd)
        _, status = os.waitpid(pid, 0)
    return _Typed(prompt, rest.decode(errors="replace"), os.waitstatus_to_exitcode(status))


def test_no_traceback_from_the_console_script(desk: Path) -> None:
    env = {**cli_env(), "REGDESK_DB": str(desk), "REGDESK_PASSWORD": "salah-sandi"}
    result = subprocess.run([sys.executable, "-m", "regdesk", "export", "-o", "x.xlsx"],
                            env=env, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.splitlines() == [WRONG]
