import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


def _by_parse(text: str) -> tuple[str | None, list[tuple[str, str]]]:
    """The verdict through phonenumbers.parse alone (the path free-form input takes)."""
    import phonenumbers

    number = phonenumbers.parse(text, "ID")
    kind = phonenumbers.number_type(number)
    if kind in (phonenumbers.PhoneNumberType.MOBILE,
                phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE):
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164), []
    code = "phone.invalid" if not phonenumbers.is_valid_number(number) else "phone.not_mobile"
    return None, [("phone", code)]


@settings(max_examples=400)
@given(st.from_regex(r"\+62[1-9][0-9]{5,12}", fullmatch=True))
def test_stored_form_fast_path_agrees_with_parse(text: str) -> None:
    phone, problems = normalize_mobile(text)
    assert (phone, [(p.field, p.code) for p in problems]) == _by_parse(text)


@pytest.mark.parametrize("text", ["+6281234567890", "+62218901234", "+628123"])
def test_stored_form_fast_path_known_cases(text: str) -> None:
    phone, problems = normalize_mobile(text)
    assert (phone, [(p.field, p.code) for p in problems]) == _by_parse(text)
