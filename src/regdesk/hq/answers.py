"""Push answers built from the wire models (:mod:`regdesk.wire.push`), each encoded once.

A record's answer is stored as JSON text with its registration and resent byte for byte; the
batch answer is those texts joined, giving the same text as encoding the whole
:class:`~regdesk.wire.push.PushResponse` (only the fields a verdict sets are written).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import date

from regdesk.domain.problems import Problem
from regdesk.wire.push import DuplicateOf, Outcome, ProblemOut, RecordResult


def encode(result: RecordResult) -> str:
    """The compact JSON text of one record's answer."""
    return result.model_dump_json(exclude_unset=True)


def refused(uuid: str, version: int, outcome: Outcome) -> RecordResult:
    return RecordResult(uuid=uuid, version=version, outcome=outcome)


def _problems(problems: Sequence[Problem]) -> list[ProblemOut]:
    return [ProblemOut(field=p.field, code=p.code, severity=p.severity.value,
                       params=dict(p.params)) for p in problems]


def rejected(uuid: str, version: int, problems: Sequence[Problem]) -> RecordResult:
    return RecordResult(uuid=uuid, version=version,
                        outcome=Outcome.REJECTED, problems=_problems(problems))


def duplicate(uuid: str, version: int, *, village_code: str, village_name: str | None,
              since: date) -> RecordResult:
    return RecordResult(uuid=uuid, version=version,
                        outcome=Outcome.DUPLICATE, duplicate_of=DuplicateOf(
                            village_code=village_code, village_name=village_name, since=since))


def accepted(uuid: str, version: int, *, member_number: str, card_qr: str,
             warnings: Sequence[Problem]) -> RecordResult:
    result = RecordResult(uuid=uuid, version=version,
                          outcome=Outcome.ACCEPTED, member_number=member_number,
                          card_qr=card_qr)
    if warnings:
        result.problems = _problems(warnings)  # marks the field set
    return result


def batch_answer(batch_id: str, answers: Iterable[str]) -> str:
    """The PushResponse text from the records' answer texts (not encoded again)."""
    return f'{{"batch_id":{json.dumps(batch_id)},"results":[{",".join(answers)}]}}'
