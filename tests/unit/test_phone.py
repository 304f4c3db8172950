import pytest

from regdesk.domain.phone import normalize_mobile


@pytest.mark.parametrize(
    "text",
    [
        "081234567890",
        "0812-3456-7890",
        "0812 3456 7890",
        "6281234567890",
        "+62 812 3456 7890",
        "+62-812-3456-7890",
        "(0812) 3456-7890",
    ],
)
def test_accepted_forms_become_e164(text: str) -> None:
    assert normalize_mobile(text) == ("+6281234567890", [])


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "required"),
        ("021 8901234", "phone.not_mobile"),  # Jakarta landline
        ("0812", "phone.invalid"),
        ("+1 650 253 0000", "phone.not_indonesian"),
        ("0812-abc", "phone.not_digits"),
    ],
)
def test_refused_numbers_name_the_rule(text: str, code: str) -> None:
    phone, problems = normalize_mobile(text)
    assert phone is None
    assert [(p.field, p.code) for p in problems] == [("phone", code)]
