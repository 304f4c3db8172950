"""Build products of the catalogue (set-up and packaging only; needs Babel):
``<lang>.mo`` for the fast start-up path, and the Qt Linguist ``regdesk_<lang>.ts`` generated
from the ``msgctxt`` entries of the ``.po`` (``pyside6-lrelease`` makes the ``.qm`` from it).
Both are ignored by git: the ``.po`` files are the only hand-kept list."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from regdesk.i18n.catalogue import catalogue_dir
from regdesk.i18n.state import LANGUAGES


def compile_mo(folder: Path | None = None) -> list[Path]:
    """Compile every ``<lang>.po`` of ``folder`` into ``<lang>.mo``; return those written."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    folder = folder or catalogue_dir()
    written = []
    for lang in LANGUAGES:
        po = folder / f"{lang}.po"
        if not po.is_file():
            continue
        with po.open("rb") as f:
            catalog = read_po(f, locale=lang)
        mo = po.with_suffix(".mo")
        with mo.open("wb") as f:
            write_mo(f, catalog, use_fuzzy=False)
        written.append(mo)
    return written


def _ts_message(context: ET.Element, message: object) -> None:
    msgid, string = message.id, message.string  # type: ignore[attr-defined]
    element = ET.SubElement(context, "message")
    for filename, line in message.locations:  # type: ignore[attr-defined]
        ET.SubElement(element, "location", filename=f"../../{filename}", line=str(line))
    ET.SubElement(element, "source").text = msgid if isinstance(msgid, str) else msgid[0]
    for comment in message.auto_comments:  # type: ignore[attr-defined]
        ET.SubElement(element, "extracomment").text = comment
    translation = ET.SubElement(element, "translation")
    if isinstance(msgid, str):
        translation.text = string
    else:
        element.set("numerus", "yes")
        for form in string:
            ET.SubElement(translation, "numerusform").text = form


def write_ts(lang: str = "id", folder: Path | None = None) -> Path:
    """Generate ``regdesk_<lang>.ts`` from the Qt entries of ``<lang>.po``; return its path."""
    from babel.messages.pofile import read_po

    folder = folder or catalogue_dir()
    with (folder / f"{lang}.po").open("rb") as f:
        catalog = read_po(f, locale=lang)
    root = ET.Element("TS", version="2.1", language=f"{lang}_ID" if lang == "id" else lang)
    contexts: dict[str, ET.Element] = {}
    for message in catalog:
        if message.context is None or not message.id or message.fuzzy:
            continue
        if message.context not in contexts:
            contexts[message.context] = ET.SubElement(root, "context")
            ET.SubElement(contexts[message.context], "name").text = message.context
        _ts_message(contexts[message.context], message)
    ET.indent(root)
    path = folder / f"regdesk_{lang}.ts"
    ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)
    return path
