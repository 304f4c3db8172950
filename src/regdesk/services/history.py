"""A registration's history as sentences a clerk reads, never the audit log's codes.

``registration.update`` with fields ``address, phone`` by ``ani`` becomes "Ani mengubah alamat
dan nomor HP, 2 Des 2026 10.14": the action is a verb (``history.<action>`` in the
catalogue), the fields are the form's labels joined the language's way (Babel's list
patterns), the actor is the user's display name and the moment is in the PC's time zone.
Qt-free: the detail pane, the CLI and the tests call the same functions.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from regdesk.i18n import field_label, has, status_label, t
from regdesk.i18n.formats import moment_text, number, word_list
from regdesk.store import Store
from regdesk.store.views import AuditView, VersionEntry

__all__ = ["HistoryText", "actor_names", "describe", "event_sentence", "version_sentence"]

# actions whose sentence names the fields they touched ("mengubah alamat dan nomor HP")
_WITH_FIELDS = frozenset({"registration.update", "registration.fix"})
# more fields than this are summed up ("mengubah 9 isian"), so a sentence stays a sentence
_MAX_NAMED = 4


@dataclass(frozen=True, slots=True)
class HistoryText:
    """The detail pane's history tab: versions newest last, then the audit sentences."""

    versions: tuple[str, ...]
    events: tuple[str, ...]


def actor_names(store: Store) -> dict[str, str]:
    """``username`` → display name of every desk user (few: one read)."""
    return {u.username: (u.full_name or u.username) for u in store.list_users()}


def _fields_text(fields: Sequence[str], lang: str | None) -> str:
    if len(fields) > _MAX_NAMED:
        return t("history.fields.many", lang=lang, count=number(len(fields), lang))
    return word_list([_in_sentence(field_label(f, lang)) for f in fields], lang)


def _in_sentence(label: str) -> str:
    """``Nomor HP`` → ``nomor HP`` inside a sentence; ``NIK``, ``RT`` stay as they are."""
    if len(label) > 1 and label[1].isupper():
        return label
    return label[:1].lower() + label[1:]


def event_sentence(entry: AuditView, names: Mapping[str, str], lang: str | None = None) -> str:
    """One audit entry as a sentence: who did what, when (PC's zone)."""
    actor = names.get(entry.actor, entry.actor)
    when = moment_text(entry.at, lang)
    key = f"history.{entry.action}"
    if not has(key, lang):
        return t("history.other", lang=lang, actor=actor, when=when)
    if entry.action in _WITH_FIELDS and entry.fields:
        return t(key, lang=lang, actor=actor, when=when,
                 fields=_fields_text(entry.fields, lang))
    if entry.action in _WITH_FIELDS:
        return t("history.registration.saved_again", lang=lang, actor=actor, when=when)
    return t(key, lang=lang, actor=actor, when=when)


def version_sentence(entry: VersionEntry, names: Mapping[str, str],
                     lang: str | None = None) -> str:
    """``Versi 2 oleh Ani, 2 Des 2026 10.14 — Menunggu sinkron``."""
    return t("history.version", lang=lang, version=entry.version,
             actor=names.get(entry.created_by, entry.created_by),
             when=moment_text(entry.created_at, lang), status=status_label(entry.status, lang))


def describe(versions: Sequence[VersionEntry], audit: Sequence[AuditView],
             names: Mapping[str, str], lang: str | None = None) -> HistoryText:
    return HistoryText(tuple(version_sentence(v, names, lang) for v in versions),
                       tuple(event_sentence(a, names, lang) for a in audit))


@cache
def known_actions() -> frozenset[str]:
    """The audit actions a registration's trail may hold, each with its sentence (tested)."""
    return frozenset({"registration.create", "registration.update", "registration.fix",
                      "registration.cancel", "registration.renew", "registration.import",
                      "registration.export", "registration.demo", "print.receipt",
                      "card.print"})
