"""Structured validation problems: codes and parameters, never sentences.

Sentences are produced by :mod:`regdesk.i18n` in the reader's language.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with one field. ``params`` are plain JSON-able values."""

    field: str
    code: str
    severity: Severity = Severity.ERROR
    params: Mapping[str, Any] = dataclasses.field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "field": self.field,
            "code": self.code,
            "severity": self.severity.value,
            "params": dict(self.params),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Problem:
        return cls(
            field=str(data["field"]),
            code=str(data["code"]),
            severity=Severity(data.get("severity", "error")),
            params=dict(data.get("params") or {}),
        )


def error(field: str, code: str, /, **params: Any) -> Problem:
    return Problem(field, code, Severity.ERROR, params)


def warning(field: str, code: str, /, **params: Any) -> Problem:
    return Problem(field, code, Severity.WARNING, params)


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(p.severity is Severity.ERROR for p in problems)
