"""Indonesian mobile numbers: accept ``08…``, ``628…``, ``+62 8…``; store E.164 (``+628…``)."""

from __future__ import annotations

import re

import phonenumbers
from phonenumbers import PhoneNumber, PhoneNumberType

from regdesk.domain.phone_text import E164_ID
from regdesk.domain.problems import Problem, error

_SEPARATORS = re.compile(r"[\s\-.()/']")
_MOBILE_TYPES = {PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE}
_E164_ID = E164_ID


def normalize_mobile(text: str, *, field: str = "phone") -> tuple[str | None, list[Problem]]:
    """Return the E.164 form of an Indonesian mobile number, or the problems."""
    compact = _SEPARATORS.sub("", text or "")
    if not compact:
        return None, [error(field, "required")]
    if compact.startswith("62"):
        compact = "+" + compact
    if not re.fullmatch(r"\+?\d+", compact):
        return None, [error(field, "phone.not_digits")]
    e164 = _E164_ID.fullmatch(compact)
    if e164:  # already in stored form: nothing for parse() to find (a third of the cost)
        number = PhoneNumber(country_code=62, national_number=int(e164.group(1)))
    else:
        try:
            number = phonenumbers.parse(compact, "ID")
        except phonenumbers.NumberParseException:
            return None, [error(field, "phone.invalid")]
    if number.country_code != 62:
        return None, [error(field, "phone.not_indonesian")]
    # number_type() is UNKNOWN for invalid numbers, so one metadata walk decides the common
    # case; is_valid_number() is asked only to tell an invalid number from a landline.
    if phonenumbers.number_type(number) in _MOBILE_TYPES:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164), []
    if not phonenumbers.is_valid_number(number):
        return None, [error(field, "phone.invalid")]
    return None, [error(field, "phone.not_mobile")]

