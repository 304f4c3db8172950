"""Property tests of HQ's pure acceptance rules (no database, no clock)."""

from __future__ import annotations

import copy
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from regdesk.hq.decide import (
    Accepted,
    Decision,
    Duplicate,
    Incoming,
    Knowledge,
    KnownMember,
    KnownRegistration,
    Refused,
    Rejected,
    Repeat,
    Resend,
    decide,
    decide_batch,
    is_stored,
)
from regdesk.wire.push import Outcome

HERE, THERE = "32.16.06.2006", "32.16.06.2002"
TODAY = date(2026, 12, 1)
UUIDS = [f"u{i}" for i in range(4)]
NIKS = [f"n{i}" for i in range(4)]
BOUNDED = settings(max_examples=100, deadline=None)

villages = st.sampled_from([HERE, THERE])


@st.composite
def incomings(draw: st.DrawFn, *, claimed: st.SearchStrategy[str | None] | None = None
              ) -> Incoming:
    nik = draw(st.sampled_from([*NIKS, None]))
    return Incoming(
        uuid=draw(st.sampled_from(UUIDS)), version=draw(st.integers(1, 4)),
        hash=draw(st.sampled_from(["h0", "h1"])),
        claimed_village=draw(claimed if claimed is not None
                             else st.sampled_from([HERE, HERE, THERE, None])),
        nik=nik, valid=nik is not None and draw(st.booleans()))


registrations = st.builds(KnownRegistration, version=st.integers(1, 4),
                          hash=st.sampled_from(["h0", "h1"]), village_code=villages,
                          answer=st.text(max_size=8))


@st.composite
def members(draw: st.DrawFn, uuid: str | None = None) -> KnownMember:
    return KnownMember(uuid=uuid or draw(st.sampled_from(UUIDS)),
                       nik=draw(st.sampled_from(NIKS)), village_code=draw(villages),
                       since=draw(st.dates(date(2025, 1, 1), TODAY)),
                       registration_number=f"{draw(st.integers(10**10, 10**11 - 1))}")


@st.composite
def knowledge(draw: st.DrawFn) -> Knowledge:
    regs = draw(st.dictionaries(st.sampled_from(UUIDS), registrations, max_size=4))
    owners = draw(st.lists(st.sampled_from(UUIDS), unique=True, max_size=4))
    niks = draw(st.permutations(NIKS))  # HQ's NIKs are unique
    mems = {u: KnownMember(u, niks[k], regs[u].village_code if u in regs else HERE,
                           draw(st.dates(date(2025, 1, 1), TODAY)), f"1000000{k:03d}0")
            for k, u in enumerate(owners)}
    return Knowledge(regs, mems)


newer_latest = st.one_of(st.none(), registrations.filter(lambda r: r.village_code == HERE))
ok_village = st.sampled_from([HERE, None])


# -- one record ---------------------------------------------------------------------------

@BOUNDED
@given(incomings(claimed=st.just(THERE)), st.one_of(st.none(), registrations),
       st.one_of(st.none(), members()))
def test_a_record_of_another_village_is_forbidden(rec, latest, holder):
    verdict = decide(rec, village=HERE, latest=latest, member=None, nik_holder=holder)
    assert verdict == Refused(Outcome.FORBIDDEN)


@BOUNDED
@given(incomings(claimed=ok_village), registrations.filter(lambda r: r.village_code == THERE))
def test_a_uuid_stored_for_another_village_is_forbidden(rec, latest):
    assert decide(rec, village=HERE, latest=latest, member=None,
                  nik_holder=None) == Refused(Outcome.FORBIDDEN)


@BOUNDED
@given(incomings(claimed=ok_village), registrations.filter(lambda r: r.village_code == HERE),
       st.one_of(st.none(), members()))
def test_an_older_version_is_stale(rec, latest, holder):
    latest = KnownRegistration(rec.version + 1, latest.hash, HERE, latest.answer)
    assert decide(rec, village=HERE, latest=latest, member=None,
                  nik_holder=holder) == Refused(Outcome.STALE)


@BOUNDED
@given(incomings(claimed=ok_village), st.text(max_size=20), st.one_of(st.none(), members()))
def test_a_resend_gets_the_stored_answer_back(rec, answer, holder):
    latest = KnownRegistration(rec.version, rec.hash, HERE, answer)
    assert decide(rec, village=HERE, latest=latest, member=None,
                  nik_holder=holder) == Resend(answer)


@BOUNDED
@given(incomings(claimed=ok_village), st.text(max_size=20))
def test_the_same_version_with_other_content_is_a_conflict(rec, answer):
    latest = KnownRegistration(rec.version, rec.hash + "x", HERE, answer)
    assert decide(rec, village=HERE, latest=latest, member=None,
                  nik_holder=None) == Refused(Outcome.CONFLICT)


def _newer(rec: Incoming, latest: KnownRegistration | None) -> KnownRegistration | None:
    return None if latest is None else KnownRegistration(
        rec.version - 1, latest.hash, HERE, latest.answer)


@BOUNDED
@given(incomings(claimed=ok_village).filter(lambda r: not r.valid), newer_latest,
       st.one_of(st.none(), members()))
def test_a_newer_invalid_record_is_rejected(rec, latest, holder):
    assert decide(rec, village=HERE, latest=_newer(rec, latest), member=None,
                  nik_holder=holder) == Rejected()


@BOUNDED
@given(incomings(claimed=ok_village).filter(lambda r: r.valid), newer_latest, st.data())
def test_a_nik_owned_by_another_record_is_a_duplicate(rec, latest, data):
    holder = data.draw(members().filter(lambda m: m.uuid != rec.uuid))
    holder = KnownMember(holder.uuid, rec.nik, holder.village_code, holder.since)
    assert decide(rec, village=HERE, latest=_newer(rec, latest), member=None,
                  nik_holder=holder) == Duplicate(holder)


@BOUNDED
@given(incomings(claimed=ok_village).filter(lambda r: r.valid), newer_latest, st.booleans(),
       st.data())
def test_a_newer_valid_record_with_a_free_or_own_nik_is_accepted(rec, latest, member, data):
    own = data.draw(members(uuid=rec.uuid)) if member else None
    holder = own if own is not None and own.nik == rec.nik else None
    assert decide(rec, village=HERE, latest=_newer(rec, latest), member=own,
                  nik_holder=holder) == Accepted(new_member=own is None)


# -- a batch ------------------------------------------------------------------------------

batches = st.lists(incomings(), max_size=8)


def _applied(known: Knowledge, records: list[Incoming], decision: Decision) -> Knowledge:
    """What HQ knows once the batch is stored (answer of record i: "a<i>")."""
    regs = dict(known.registrations)
    for i, (rec, verdict) in enumerate(zip(records, decision.verdicts, strict=True)):
        if is_stored(verdict):
            regs[rec.uuid] = KnownRegistration(rec.version, rec.hash, HERE, f"a{i}")
    mems = {u: KnownMember(m.uuid, m.nik, m.village_code, m.since, m.registration_number or "new")
            for u, m in decision.members.items()}
    return Knowledge(regs, mems)


@BOUNDED
@given(batches, knowledge())
def test_deciding_leaves_the_knowledge_alone_and_is_repeatable(records, known):
    before = copy.deepcopy(known)
    first = decide_batch(records, known, village=HERE, today=TODAY)
    assert known == before
    assert decide_batch(records, known, village=HERE, today=TODAY) == first
    assert len(first.verdicts) == len(records)


@BOUNDED
@given(batches, knowledge())
def test_a_nik_has_one_member_after_any_batch(records, known):
    decision = decide_batch(records, known, village=HERE, today=TODAY)
    niks = [m.nik for m in decision.members.values()]
    assert len(niks) == len(set(niks))
    assert len(decision.new_members) == len(set(decision.new_members))
    assert set(decision.new_members).isdisjoint(known.members)
    assert set(decision.nik_changed) <= set(known.members)
    for uuid in decision.new_members:
        assert decision.members[uuid].since == TODAY
        assert decision.members[uuid].village_code == HERE


@BOUNDED
@given(batches, knowledge())
def test_each_stored_record_is_newer_than_all_before_it(records, known):
    decision = decide_batch(records, known, village=HERE, today=TODAY)
    newest = {u: r.version for u, r in known.registrations.items()}
    for rec, verdict in zip(records, decision.verdicts, strict=True):
        if is_stored(verdict):
            assert rec.version > newest.get(rec.uuid, 0)
            newest[rec.uuid] = rec.version


@BOUNDED
@given(batches, knowledge())
def test_verdicts_point_at_the_right_records(records, known):
    decision = decide_batch(records, known, village=HERE, today=TODAY)
    last_accepted: dict[str, Incoming] = {}
    for i, (rec, verdict) in enumerate(zip(records, decision.verdicts, strict=True)):
        match verdict:
            case Repeat(index=j):
                assert j < i and is_stored(decision.verdicts[j])
                assert (records[j].uuid, records[j].version, records[j].hash) == (
                    rec.uuid, rec.version, rec.hash)
            case Duplicate(holder=holder):
                assert holder.uuid != rec.uuid and holder.nik == rec.nik
            case Accepted():
                assert rec.valid and rec.claimed_village in (HERE, None)
                last_accepted[rec.uuid] = rec
    for uuid, rec in last_accepted.items():
        assert decision.members[uuid].nik == rec.nik


@BOUNDED
@given(batches, knowledge())
def test_a_batch_sent_again_stores_nothing_and_gets_the_same_answers(records, known):
    first = decide_batch(records, known, village=HERE, today=TODAY)
    again = decide_batch(records, _applied(known, records, first), village=HERE, today=TODAY)
    assert not any(is_stored(v) for v in again.verdicts)
    assert again.new_members == [] and again.nik_changed == []
    newest = {rec.uuid: i for i, (rec, v) in enumerate(zip(records, first.verdicts, strict=True))
              if is_stored(v)}
    for i, (rec, verdict) in enumerate(zip(records, first.verdicts, strict=True)):
        j = newest.get(rec.uuid)
        if rec.claimed_village == THERE:
            assert again.verdicts[i] == verdict == Refused(Outcome.FORBIDDEN)
        elif j is not None and (records[j].version, records[j].hash) == (
                rec.version, rec.hash):
            assert isinstance(verdict, (Rejected, Duplicate, Accepted, Repeat))
            assert again.verdicts[i] == Resend(f"a{j}")


def test_two_records_with_one_nik_in_a_batch():
    a = Incoming("u0", 1, "h0", HERE, "n0", True)
    b = Incoming("u1", 1, "h0", HERE, "n0", True)
    decision = decide_batch([a, b, a], Knowledge(), village=HERE, today=TODAY)
    assert decision.verdicts == [Accepted(new_member=True),
                                 Duplicate(KnownMember("u0", "n0", HERE, TODAY)), Repeat(0)]
    assert decision.new_members == ["u0"]


def test_a_nik_freed_by_an_edit_can_be_taken_in_the_same_batch():
    held = KnownMember("u0", "n0", HERE, date(2026, 1, 5), "10000000010")
    known = Knowledge({"u0": KnownRegistration(1, "h0", HERE, "{}")}, {"u0": held})
    edit = Incoming("u0", 2, "h1", HERE, "n1", True)
    taker = Incoming("u1", 1, "h0", HERE, "n0", True)
    decision = decide_batch([edit, taker], known, village=HERE, today=TODAY)
    assert decision.verdicts == [Accepted(new_member=False), Accepted(new_member=True)]
    assert decision.nik_changed == ["u0"] and decision.new_members == ["u1"]
    assert decision.members["u0"].nik == "n1" and decision.members["u1"].nik == "n0"
    assert decision.forbidden == 0 and decision.stored == 2
