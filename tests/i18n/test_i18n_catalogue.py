"""The one text catalogue: loading, the process language, checked keys, plurals, and that
every key the source uses is in both catalogues with the same placeholders."""

from __future__ import annotations

import re
import shutil
import string
from pathlib import Path

import pytest

from regdesk import i18n
from regdesk.domain.registration import Funding
from regdesk.i18n.build import compile_mo
from regdesk.i18n.catalogue import Catalogue, load, load_mo, load_po
from regdesk.i18n.pseudo import pseudo

SRC = Path(__file__).resolve().parents[2] / "src" / "regdesk"
KEY = r"[a-z][a-z0-9_]*(?:\.[a-z0-9_-]+)+"
# t("key" …) / i18n.t("key" …) / has("key")
KEY_USE = re.compile(rf"(?<![\w.])(?:i18n\.)?(?:t|has)\(\s*[\"']({KEY})[\"']")
# the CLI's and the printouts' keys wherever they are written (tables of keys, ``a if x else b``)
KEY_LITERAL = re.compile(r"[\"']((?:cli|print)\.[a-z0-9_]+(?:\.[a-z0-9_-]+)+)[\"']")


@pytest.fixture(autouse=True)
def _indonesian() -> None:
    i18n.set_language("id")


def _placeholders(text: i18n.Text) -> set[str]:
    forms = [text] if isinstance(text, str) else list(text)
    return {name for form in forms for _, name, _, _ in string.Formatter().parse(form) if name}


def test_language_is_set_once_for_the_process() -> None:
    assert i18n.current_language() == "id"
    assert i18n.set_language("en") == "en" and i18n.current_language() == "en"
    assert i18n.t("field.full_name") == "Full name"
    assert i18n.t("field.full_name", lang="id") == "Nama lengkap"
    assert i18n.set_language("xx") == "id"  # unknown → the default, Indonesian
    assert i18n.t("field.full_name") == "Nama lengkap"


def test_a_missing_key_raises() -> None:
    with pytest.raises(i18n.MissingKey):
        i18n.t("no.such.key")
    assert not i18n.has("no.such.key")


def test_parameters_are_filled() -> None:
    assert i18n.t("problem.nik.length", expected=16, actual=12) == "NIK harus 16 digit (terisi 12)."


PLURAL_PO = '''msgid ""
msgstr ""
"Language: {lang}\\n"
"Plural-Forms: {forms}\\n"

msgid "count.records"
msgid_plural "count.records"
{strings}

msgctxt "Window"
msgid "%n month(s)"
msgid_plural "%n month(s)"
{qt}
'''


def _plural_catalogues(tmp_path: Path) -> Path:
    (tmp_path / "id.po").write_text(PLURAL_PO.format(
        lang="id", forms="nplurals=1; plural=0;", strings='msgstr[0] "{n} data"',
        qt='msgstr[0] "%n bulan"'), encoding="utf-8")
    (tmp_path / "en.po").write_text(PLURAL_PO.format(
        lang="en", forms="nplurals=2; plural=(n != 1);",
        strings='msgstr[0] "{n} record"\nmsgstr[1] "{n} records"',
        qt='msgstr[0] "%n month"\nmsgstr[1] "%n months"'), encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("compiled", [False, True])
def test_plural_forms_from_po_or_mo(tmp_path: Path, compiled: bool) -> None:
    folder = _plural_catalogues(tmp_path)
    if compiled:
        assert len(compile_mo(folder)) == 2
    en, id_ = load("en", folder), load("id", folder)
    assert [en.form(en.texts["count.records"], n).format(n=n) for n in (0, 1, 2)] == [
        "0 records", "1 record", "2 records"]
    assert id_.form(id_.texts["count.records"], 5).format(n=5) == "5 data"
    assert en.form(en.qt[("Window", "%n month(s)")], 1) == "%n month"


def test_t_picks_the_plural_form_and_fills_n(monkeypatch: pytest.MonkeyPatch,
                                             tmp_path: Path) -> None:
    en = load_po("en", _plural_catalogues(tmp_path) / "en.po")
    monkeypatch.setattr(i18n.state, "_loaded", lambda lang: en)
    assert i18n.t("count.records", n=1) == "1 record"
    assert i18n.t("count.records", n=3) == "3 records"


def test_compiled_mo_holds_exactly_the_po(tmp_path: Path) -> None:
    for lang in ("id", "en"):
        shutil.copy(i18n.catalogue_dir() / f"{lang}.po", tmp_path)
    compile_mo(tmp_path)
    for lang in ("id", "en"):
        po, mo = load_po(lang, tmp_path / f"{lang}.po"), load_mo(lang, tmp_path / f"{lang}.mo")
        assert (po.texts, po.qt) == (mo.texts, mo.qt)
        assert [po.plural(n) for n in range(3)] == [mo.plural(n) for n in range(3)]


def test_a_stale_mo_is_not_used(tmp_path: Path) -> None:
    folder = _plural_catalogues(tmp_path)
    compile_mo(folder)
    po = folder / "en.po"
    po.write_text(po.read_text(encoding="utf-8").replace("{n} records", "{n} rows"),
                  encoding="utf-8")
    mo = folder / "en.mo"
    stamp = po.stat().st_mtime
    import os

    os.utime(mo, (stamp - 10, stamp - 10))
    assert load("en", folder).texts["count.records"] == ("{n} record", "{n} rows")


def _keys_used_in_source() -> set[str]:
    keys: set[str] = set()
    for path in [*SRC.rglob("*.py"), *SRC.rglob("*.html")]:  # + the HQ console's templates
        text = path.read_text(encoding="utf-8")
        keys.update(KEY_USE.findall(text))
        keys.update(KEY_LITERAL.findall(text))
    return keys


def test_the_source_scan_finds_key_uses() -> None:
    sample = 'x = t("problem.nik.length", expected=16) + ctx.t("Teks", "Text") + i18n.t("a.b")'
    assert KEY_USE.findall(sample) == ["problem.nik.length", "a.b"]
    table = 'KEYS = {Kind.BUSY: "cli.sync.error.busy"}; t("print.a" if x else "cli.b.c")'
    assert KEY_LITERAL.findall(table) == ["cli.sync.error.busy", "cli.b.c"]


def test_the_cli_and_the_printouts_use_keys_only() -> None:
    """No inline (Indonesian, English) pairs are left in the CLI, and it uses its keys."""
    cli = [p.read_text(encoding="utf-8") for p in (SRC / "cli").rglob("*.py")]
    assert not any("ctx.t(" in text for text in cli)
    used = {k for text in cli for k in KEY_USE.findall(text) + KEY_LITERAL.findall(text)}
    assert len({k for k in used if k.startswith("cli.")}) > 60


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_key_used_in_the_source_is_in_the_catalogue(lang: str) -> None:
    missing = sorted(k for k in _keys_used_in_source() if k not in i18n.catalogue(lang).texts)
    assert not missing, f"keys missing from {lang}.po: {missing}"


def test_english_is_complete_and_nothing_is_english_only() -> None:
    id_keys, en_keys = set(i18n.catalogue("id").texts), set(i18n.catalogue("en").texts)
    assert id_keys - en_keys == set(), "keys without English"
    assert en_keys - id_keys == set(), "English keys Indonesian does not have"


@pytest.mark.parametrize("key", sorted(i18n.catalogue("id").texts))
def test_placeholders_match_between_languages(key: str) -> None:
    assert _placeholders(i18n.catalogue("id").texts[key]) == _placeholders(
        i18n.catalogue("en").texts[key])


def test_qt_strings_have_indonesian_and_keep_their_placeholders() -> None:
    qt = i18n.catalogue("id").qt
    assert len(qt) > 200
    for (context, source), text in qt.items():
        forms = [text] if isinstance(text, str) else list(text)
        for form in forms:
            assert sorted(re.findall(r"%L?\d|%n", form)) == sorted(
                set(re.findall(r"%L?\d|%n", source))) or "%n" in source, (context, source)


def test_funding_labels_exist_once_for_every_code() -> None:
    assert [code for code, _ in i18n.funding_labels()] == [f.value for f in Funding]
    assert i18n.funding_label("apbdes") == "APBDes / ADD"
    assert i18n.funding_label("self") == "Mandiri"
    assert i18n.funding_label("self", "en") == "Self-paid"
    assert i18n.funding_label("unheard-of") == "unheard-of"


def test_pseudo_locale_is_longer_and_keeps_placeholders() -> None:
    text = "NIK harus {expected} digit (terisi %1) &Simpan <b>x</b>"
    out = pseudo(text)
    assert len(out) >= 1.4 * len(text) - 1
    for kept in ("{expected}", "%1", "&S", "<b>", "</b>"):
        assert kept.replace("S", "Š") in out or kept in out
    assert "{expected}" in out and "%1" in out
    assert i18n.t("problem.nik.length", lang=i18n.PSEUDO, expected=16, actual=1).count("16") == 1


def test_pseudo_catalogue_covers_every_indonesian_text() -> None:
    source, fake = i18n.catalogue("id"), i18n.catalogue(i18n.PSEUDO)
    assert isinstance(fake, Catalogue)
    assert set(source.texts) == set(fake.texts) and set(source.qt) == set(fake.qt)


def test_domain_does_not_import_the_catalogue() -> None:
    for path in (SRC / "domain").rglob("*.py"):
        assert "regdesk.i18n" not in path.read_text(encoding="utf-8").replace(
            ":mod:`regdesk.i18n`", ""), path.name


def test_update_merges_the_code_strings_into_id_po(tmp_path: Path) -> None:
    from regdesk.i18n.build import merge_ts

    po = tmp_path / "id.po"
    shutil.copy(i18n.catalogue_dir() / "id.po", po)
    before = load_po("id", po)
    kept = ("MainWindow", "Sync now")
    ts = tmp_path / "code.ts"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?><TS version="2.1">'
        "<context><name>MainWindow</name>"
        '<message><location filename="../../src/regdesk/ui/views/main_window.py" line="9"/>'
        "<source>Sync now</source><translation type=\"unfinished\"/></message>"
        '<message><location filename="../../src/regdesk/ui/views/main_window.py" line="12"/>'
        "<source>A brand-new button</source><translation type=\"unfinished\"/></message>"
        "</context></TS>", encoding="utf-8")
    report = merge_ts(ts, po)
    assert report.added == [("MainWindow", "A brand-new button")]
    assert len(report.dropped) == len(before.qt) - 1
    after = load_po("id", po)
    assert after.qt == {kept: before.qt[kept]}  # the new one waits for its Indonesian
    assert after.texts == before.texts  # keyed entries untouched
    assert 'msgid "A brand-new button"' in po.read_text(encoding="utf-8")
    assert "#: src/regdesk/ui/views/main_window.py\n" in po.read_text(encoding="utf-8")


def test_start_up_with_compiled_catalogues_does_not_load_babel(tmp_path: Path) -> None:
    """The fast path: with fresh .mo files a process reads its texts with the standard
    library only (Babel's import alone costs ~70 ms)."""
    import os
    import subprocess
    import sys

    resources = tmp_path / "resources"
    (resources / "i18n").mkdir(parents=True)
    (resources / "data").symlink_to(i18n.catalogue_dir().parent / "data")
    for lang in ("id", "en"):
        shutil.copy(i18n.catalogue_dir() / f"{lang}.po", resources / "i18n")
    compile_mo(resources / "i18n")
    code = ("import sys; from regdesk import i18n; i18n.set_language('en');"
            "print(i18n.t('field.full_name'), i18n.t('field.full_name', lang='id'),"
            " 'babel' in sys.modules)")
    env = {**os.environ, "REGDESK_RESOURCES": str(resources),
           "PYTHONPATH": str(SRC.parent) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                         text=True, check=True).stdout
    assert out.split("\n")[0] == "Full name Nama lengkap False"


def test_no_translation_wrapper_hides_strings_from_lupdate() -> None:
    """``pyside6-lupdate`` sees only literal ``tr()``/``translate()`` calls: a wrapper such as
    ``def tr(text)`` hides its strings, and ``--update`` would drop their Indonesian."""
    wrapper = re.compile(r"^\s*def _?tr\(\s*text\b", re.MULTILINE)
    found = [p.name for p in (SRC / "ui").rglob("*.py") if wrapper.search(p.read_text("utf-8"))]
    assert found == []


def test_the_qt_free_controllers_take_their_texts_from_keys() -> None:
    for name in ("settings.py", "sync_status.py"):
        text = (SRC / "ui" / "controllers" / name).read_text(encoding="utf-8")
        assert not re.search(r"(?<![\w])(?:self\.)?tr\(", text) and 't("ui.' in text, name


# error(field, "code" …) / warning(field, "code" …): the problems the code can raise
PROBLEM_USE = re.compile(r"\b(?:error|warning)\(\s*[^,()]+,\s*[\"']([a-z_]+(?:\.[a-z_]+)+)[\"']")


def test_every_problem_code_raised_in_the_source_has_a_sentence_in_both_catalogues() -> None:
    """Regression: two service errors (nothing to print, keep below 1) showed as raw codes."""
    codes = {code for path in SRC.rglob("*.py")
             for code in PROBLEM_USE.findall(path.read_text(encoding="utf-8"))}
    assert {"print.nothing_ready", "backup.keep_too_small", "nik.length"} <= codes
    for lang in ("id", "en"):
        missing = sorted(c for c in codes if f"problem.{c}" not in load(lang).texts)
        assert missing == [], (lang, missing)
