"""Build products of the catalogue (set-up and packaging only; needs Babel):
``<lang>.mo`` for the fast start-up path, and the Qt Linguist ``regdesk_<lang>.ts`` generated
from the ``msgctxt`` entries of the ``.po`` (``pyside6-lrelease`` makes the ``.qm`` from it).
Both are ignored by git: the ``.po`` files are the only hand-kept list. :func:`merge_ts` goes
the other way: it brings the code's Qt strings (as ``pyside6-lupdate`` finds them) into
``id.po``."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from babel.messages.catalog import Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from regdesk.i18n.catalogue import catalogue_dir
from regdesk.i18n.state import LANGUAGES


def compile_mo(folder: Path | None = None) -> list[Path]:
    """Compile every ``<lang>.po`` of ``folder`` into ``<lang>.mo``; return those written."""
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


def _ts_message(context: ET.Element, message: Message) -> None:
    msgid, string = message.id, message.string
    element = ET.SubElement(context, "message")
    for filename, line in message.locations:
        where = {"filename": f"../../{filename}"} | ({"line": str(line)} if line else {})
        ET.SubElement(element, "location", where)
    ET.SubElement(element, "source").text = msgid if isinstance(msgid, str) else msgid[0]
    for comment in message.auto_comments:
        ET.SubElement(element, "extracomment").text = comment
    translation = ET.SubElement(element, "translation")
    if isinstance(msgid, str) and isinstance(string, str):
        translation.text = string
    else:
        element.set("numerus", "yes")
        for form in string or ():
            ET.SubElement(translation, "numerusform").text = form


def write_ts(lang: str = "id", folder: Path | None = None) -> Path:
    """Generate ``regdesk_<lang>.ts`` from the Qt entries of ``<lang>.po``; return its path."""
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


@dataclass(frozen=True)
class MergeReport:
    """What :func:`merge_ts` changed in the ``.po``: Qt strings added (untranslated) and
    dropped (gone from the code), as (context, source) pairs."""

    added: list[tuple[str, str]]
    dropped: list[tuple[str, str]]


def _lupdate_messages(ts: Path) -> dict[tuple[str, str], Message]:
    found: dict[tuple[str, str], Message] = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for element in context.iter("message"):
            source = element.findtext("source") or ""
            # file names only: line numbers would change with every edit of the code
            files = dict.fromkeys(str(loc.get("filename", "")).lstrip("./")
                                  for loc in element.iter("location"))
            # (Babel writes a None line as the file alone, though its hints say int)
            locations = cast(list[tuple[str, int]], [(f, None) for f in files])
            comments = [c.text for c in element.iter("extracomment") if c.text]
            msgid: str | tuple[str, str] = source
            if element.get("numerus") == "yes":
                msgid = (source, source)
            found[(name, source)] = Message(msgid, "", locations=locations, context=name,
                                            auto_comments=comments)
    return found


def merge_ts(ts: Path, po: Path) -> MergeReport:
    """Bring the Qt entries of ``po`` in line with ``ts`` (as ``pyside6-lupdate`` extracts it
    from the code): new strings are added untranslated, vanished ones dropped, locations and
    comments refreshed, translations and keyed entries kept."""
    with po.open("rb") as f:
        catalog = read_po(f)
    wanted = _lupdate_messages(ts)
    have = {(m.context, _source(m)): m for m in catalog if m.context is not None and m.id}
    dropped = sorted(k for k in have if k not in wanted)
    for context, source in dropped:
        catalog.delete(have[(context, source)].id, context=context)
    added = []
    for key, fresh in wanted.items():
        old = have.get(key)
        if old is None:
            added.append(key)
            blank: str | tuple[str, ...] = "" if isinstance(fresh.id, str) else ("",)
            catalog.add(fresh.id, blank, locations=fresh.locations, context=fresh.context,
                        auto_comments=fresh.auto_comments)
        else:
            old.locations, old.auto_comments = fresh.locations, fresh.auto_comments
    with po.open("wb") as f:
        write_po(f, catalog, width=100, sort_output=False)
    return MergeReport(sorted(added), dropped)


def _source(message: Message) -> str:
    return message.id if isinstance(message.id, str) else message.id[0]
