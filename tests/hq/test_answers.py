"""Push answers from the wire models: the same JSON text the protocol always carried."""

from __future__ import annotations

import json
import uuid
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from regdesk.domain.problems import Problem, Severity
from regdesk.hq import answers
from regdesk.wire.push import Outcome, PushResponse


def _compact(data: object) -> str:
    return json.dumps(data, separators=(",", ":"))


uuids = st.uuids().map(str)
versions = st.integers(1, 10_000)
words = st.text("abcdefghijklmnopqrstuvwxyz._", min_size=1, max_size=12)
problems = st.lists(st.builds(
    Problem, field=words, code=words, severity=st.sampled_from(list(Severity)),
    params=st.dictionaries(words, st.one_of(st.integers(-10**6, 10**6), words), max_size=2)),
    max_size=3)


def _problem_dicts(found: list[Problem]) -> list[dict[str, object]]:
    return [p.as_dict() for p in found]


@settings(max_examples=100, deadline=None)
@given(uuids, versions, st.sampled_from([Outcome.FORBIDDEN, Outcome.STALE, Outcome.CONFLICT]))
def test_refused(uid, version, outcome):
    assert answers.encode(answers.refused(uid, version, outcome)) == _compact(
        {"uuid": uid, "version": version, "outcome": outcome.value})


@settings(max_examples=100, deadline=None)
@given(uuids, versions, problems)
def test_rejected(uid, version, found):
    assert answers.encode(answers.rejected(uid, version, found)) == _compact(
        {"uuid": uid, "version": version, "outcome": "rejected",
         "problems": _problem_dicts(found)})


@settings(max_examples=100, deadline=None)
@given(uuids, versions, st.one_of(st.none(), words), st.dates())
def test_duplicate_keeps_an_unknown_village_name_as_null(uid, version, name, since):
    text = answers.encode(answers.duplicate(uid, version, village_code="32.16.06.2006",
                                            village_name=name, since=since))
    assert text == _compact({"uuid": uid, "version": version, "outcome": "duplicate",
                             "duplicate_of": {"village_code": "32.16.06.2006",
                                              "village_name": name,
                                              "since": since.isoformat()}})


@settings(max_examples=100, deadline=None)
@given(uuids, versions, problems)
def test_accepted_lists_warnings_only_when_there_are_some(uid, version, found):
    text = answers.encode(answers.accepted(uid, version, member_number="10000000017",
                                           card_qr="RD1.a.b", warnings=found))
    expected: dict[str, object] = {"uuid": uid, "version": version, "outcome": "accepted",
                                   "member_number": "10000000017", "card_qr": "RD1.a.b"}
    if found:
        expected["problems"] = _problem_dicts(found)
    assert text == _compact(expected)


def test_the_batch_answer_is_the_push_response():
    batch_id = str(uuid.uuid4())
    results = [answers.refused(str(uuid.uuid4()), 2, Outcome.STALE),
               answers.duplicate(str(uuid.uuid4()), 1, village_code="32.16.06.2006",
                                 village_name=None, since=date(2026, 2, 28))]
    text = answers.batch_answer(batch_id, [answers.encode(r) for r in results])
    whole = PushResponse(batch_id=uuid.UUID(batch_id), results=results)
    assert text == whole.model_dump_json(exclude_unset=True)
    assert PushResponse.model_validate_json(text) == whole
    assert answers.batch_answer(batch_id, []) == _compact({"batch_id": batch_id, "results": []})
