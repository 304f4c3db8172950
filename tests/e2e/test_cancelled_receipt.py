"""A receipt printed after a cancellation says so."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from tests.factories import valid_registration_data

from regdesk.domain.registration import registration_from_dict
from regdesk.services.printouts import print_receipt
from regdesk.store import Store, UserInfo


def test_receipt_of_a_cancelled_registration_is_marked_dibatalkan(
        store: Store, admin: UserInfo, tmp_path: Path) -> None:
    reg, _ = registration_from_dict(valid_registration_data())
    view = store.add(reg, user=admin)
    store.cancel(view.uuid, reason="data ganda", user=admin)
    out = tmp_path / "receipt.pdf"
    print_receipt(store, view.uuid, out, user=admin)
    text = PdfReader(out).pages[0].extract_text()
    assert "DIBATALKAN" in text and "data ganda" in text
