"""Generated bad input over the ``regdesk`` entry points: every refusal is exit 1 or 2 with one
line on stderr, no traceback, and nothing written (no new file, no new registration)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from regdesk import masterdata
from regdesk.cli import main

LEVELS = {str(level) for level in masterdata.shipped_rates().income_levels}
FUZZ = settings(max_examples=40, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])
text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
               min_size=1, max_size=30).filter(lambda s: not s.startswith("-"))


@pytest.fixture
def office(tmp_path: Path, template_db: Path, monkeypatch: pytest.MonkeyPatch,
           capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "desk.sqlite3"
    path.write_bytes(template_db.read_bytes())
    monkeypatch.setenv("REGDESK_DB", str(path))
    monkeypatch.chdir(tmp_path)
    assert main(["init", "--village", "32.16.06.2006"]) == 0
    capsys.readouterr()
    return tmp_path


def _refused(capsys: pytest.CaptureFixture[str], folder: Path, *argv: str) -> str:
    before = sorted(p.name for p in folder.iterdir() if not p.name.startswith("desk.sqlite3"))
    try:
        code = main(list(argv))
    except SystemExit as exit_info:  # argparse's usage errors
        code = exit_info.code  # type: ignore[assignment]
    out, err = capsys.readouterr()
    lines = err.strip().splitlines()
    assert code in (1, 2), (argv, code, out, err)
    assert len(lines) == 1 and "Traceback" not in err, (argv, err)
    after = sorted(p.name for p in folder.iterdir() if not p.name.startswith("desk.sqlite3"))
    assert after == before, (argv, after)
    assert main(["--json", "search", ""]) == 0
    assert json.loads(capsys.readouterr().out)["results"] == []
    return lines[0]


@FUZZ
@given(income=text)
def test_fees_income(capsys, office: Path, income: str) -> None:
    assume(income.strip().replace(".", "").replace(",", "") not in LEVELS)
    _refused(capsys, office, "fees", "--income", income, "--sector", "non-transport",
             "--funding", "self", "--start", "2026-12")


@FUZZ
@given(start=text)
def test_fees_start(capsys, office: Path, start: str) -> None:
    _refused(capsys, office, "fees", "--income", "1000000", "--sector", "non-transport",
             "--funding", "self", "--start", start + "x")


@FUZZ
@given(limit=text)
def test_search_limit(capsys, office: Path, limit: str) -> None:
    assume(not limit.strip().isdigit())
    _refused(capsys, office, "search", "", "--limit", limit)


@FUZZ
@given(name=text)
def test_outputs_in_a_missing_folder(capsys, office: Path, name: str) -> None:
    assume("/" not in name and "\\" not in name and name.strip(" .") == name and name)
    target = str(office / "no such folder" / name)
    for argv in (("export", "-o", target), ("needs-fixing", "-o", target),
                 ("print", "recap", "--month", "2026-11", "-o", target),
                 ("backup", "--to", target)):
        _refused(capsys, office, *argv)


@FUZZ
@given(content=st.binary(max_size=300), suffix=st.sampled_from([".csv", ".xlsx", ".json"]))
def test_files_that_are_not_lists_or_records(capsys, office: Path, content: bytes,
                                             suffix: str) -> None:
    source = office / f"input{suffix}"
    source.write_bytes(content)
    try:
        if suffix == ".json":
            assume(not _is_json_object(content))
            line = _refused(capsys, office, "add", "--from-json", str(source))
        else:
            assume(b"\n" not in content.strip())  # a one-line "list" is a header, no rows
            line = _refused(capsys, office, "import", str(source))
        assert line.startswith("regdesk")
    finally:
        source.unlink()


def _is_json_object(content: bytes) -> bool:
    try:
        return isinstance(json.loads(content), (dict, list))
    except (ValueError, RecursionError):
        return False


def test_the_hand_picked_mistakes(capsys, office: Path) -> None:
    deep = office / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    assert "nested too deeply" in _refused(capsys, office, "add", "--from-json", str(deep))
    deep.unlink()
    big = office / "big.csv"
    big.write_text("nik,nama\n1," + "x" * 200_000 + "\n")
    assert "Baris 2" in _refused(capsys, office, "import", str(big))
    big.unlink()
    assert "folder" in _refused(capsys, office, "--db", str(office), "search", "x")
    other = office / "notes.txt"
    other.write_text("not a database")
    assert "bukan basis data" in _refused(capsys, office, "--db", str(other), "search", "x")
    other.unlink()
    assert "income.below_minimum" in _refused(
        capsys, office, "fees", "--income", "-5", "--sector", "non-transport", "--funding",
        "self", "--start", "2026-12")
