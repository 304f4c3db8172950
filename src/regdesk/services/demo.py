"""Realistic *generated* registrations (never real people) for trying RegDesk and benchmarks.

NIKs agree with birth date and gender (women: day + 40) and carry Bekasi kecamatan codes;
phones are valid Indonesian mobile numbers; names are combined from common given names.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func
from sqlmodel import col, select

from regdesk.domain.problems import has_errors
from regdesk.domain.registration import Funding, Gender, Registration
from regdesk.domain.validation import validate_registration
from regdesk.services.users import generated_password, initialise
from regdesk.store import Store, UserInfo
from regdesk.store.bulk import BulkItem, bulk_insert, existing_niks
from regdesk.store.models import AuditEntry, RegistrationRow

CHUNK = 10_000
CHECKED = 50  # the first generated records pass the same rules as typed data

MALE = (
    "Ahmad",
    "Budi",
    "Dedi",
    "Eko",
    "Fajar",
    "Hendra",
    "Iwan",
    "Joko",
    "Kurniawan",
    "Lukman",
    "Muhammad",
    "Nanang",
    "Rahmat",
    "Slamet",
    "Teguh",
    "Ujang",
    "Wahyu",
    "Yusuf",
    "Agus",
    "Asep",
    "Dadang",
    "Rudi",
    "Sutisna",
    "Andi",
    "Bambang",
)
FEMALE = (
    "Ani",
    "Dewi",
    "Eneng",
    "Fitri",
    "Iis",
    "Lilis",
    "Nur",
    "Ratna",
    "Siti",
    "Sri",
    "Tuti",
    "Wati",
    "Yanti",
    "Euis",
    "Neneng",
    "Rina",
    "Aisyah",
    "Dian",
    "Kartini",
    "Lestari",
)
FAMILY = (
    "Saputra",
    "Hidayat",
    "Permana",
    "Suryana",
    "Rahayu",
    "Wijaya",
    "Kusuma",
    "Nugraha",
    "Setiawan",
    "Hermawan",
    "Pratama",
    "Maulana",
    "Sari",
    "Handayani",
    "Susanti",
    "Gunawan",
    "Firmansyah",
    "Ramdani",
    "Sulaeman",
    "Hasanah",
    "Mulyani",
    "Kurnia",
)
STREETS = (
    "Jl. Raya",
    "Jl. Mawar",
    "Jl. Melati",
    "Kp. Pulo",
    "Kp. Bulak",
    "Gg. Masjid",
    "Jl. Pendidikan",
    "Perum Griya Asri Blok",
    "Kp. Cibening",
    "Jl. Kali Malang",
)
OCCUPATIONS = (
    "petani",
    "petani",
    "pedagang",
    "pedagang",
    "buruh-harian",
    "ojek-online",
    "ojek-pangkalan",
    "ketua-rt",
    "ketua-rw",
    "marbot",
    "nelayan",
    "kader",
    "tukang",
    "perangkat-desa",
    "sopir",
    "kurir",
    "linmas",
)
MOBILE_PREFIXES = ("0812", "0813", "0821", "0822", "0852", "0857", "0878", "0896", "0838")
FUNDINGS = (Funding.MANDIRI,) * 6 + (Funding.APBDES_ADD, Funding.DANA_DESA, Funding.CSR,
                                      Funding.APBD_KABUPATEN)
SPONSORS = {
    Funding.APBDES_ADD: "Pemerintah Desa",
    Funding.DANA_DESA: "Dana Desa",
    Funding.CSR: "PT Contoh Sejahtera (CSR)",
    Funding.APBD_KABUPATEN: "Pemkab Bekasi",
}
BEKASI_KECAMATAN = [f"32.16.{n:02d}" for n in range(1, 24)]


def generate(
    count: int,
    *,
    village_code: str,
    postal_code: str,
    today: date,
    recorded_by: str,
    seed: int = 2026,
    taken_niks: set[str] | None = None,
) -> Iterator[Registration]:
    rng = random.Random(seed)
    seen = set(taken_niks or ())
    consent_at = datetime.combine(today, datetime.min.time()).astimezone()
    home_kecamatan = village_code.rsplit(".", 1)[0]
    produced = 0
    while produced < count:
        female = rng.random() < 0.45
        born = today - timedelta(days=rng.randint(18 * 365 + 5, 63 * 365))
        kecamatan = home_kecamatan if rng.random() < 0.7 else rng.choice(BEKASI_KECAMATAN)
        day = born.day + (40 if female else 0)
        nik = (
            f"{kecamatan.replace('.', '')}{day:02d}{born.month:02d}{born.year % 100:02d}"
            f"{rng.randint(1, 9999):04d}"
        )
        if nik in seen:
            continue
        seen.add(nik)
        given = rng.choice(FEMALE if female else MALE)
        name = f"{given} {rng.choice(FAMILY)}"
        if rng.random() < 0.3:
            name = f"{given} {rng.choice(FEMALE if female else MALE)} {rng.choice(FAMILY)}"
        funding = rng.choice(FUNDINGS)
        produced += 1
        yield Registration(
            nik=nik,
            full_name=name,
            birth_date=born,
            gender=Gender.FEMALE if female else Gender.MALE,
            address=f"{rng.choice(STREETS)} No. {rng.randint(1, 120)}",
            rt=f"{rng.randint(1, 12):03d}",
            rw=f"{rng.randint(1, 9):03d}",
            village_code=village_code,
            postal_code=postal_code,
            phone=f"+62{rng.choice(MOBILE_PREFIXES)[1:]}{rng.randint(10_000_000, 99_999_999)}",
            occupation_code=rng.choice(OCCUPATIONS),
            income=rng.choice((1_000_000, 1_000_000, 1_500_000, 2_000_000, 2_500_000)),
            period_months=rng.choice((1, 1, 1, 3, 6, 12)),
            funding=funding,
            sponsor_name=SPONSORS.get(funding),
            jht=rng.random() < 0.25,
            consent_given=True,
            consent_recorded_by=recorded_by,
            consent_at=consent_at,
        )


DEMO_ADMIN = "admin"  # the account a new demo desk gets


def prepare_office(store: Store, *, village: str | None, default_village: str,
                   admin_password: str | None) -> str | None:
    """A desk ready for demo data: a new database gets ``village`` (else ``default_village``)
    and an ``admin`` account with ``admin_password`` (else a generated one, returned); an
    existing one moves to ``village`` when given. Returns the new admin password, if any."""
    if not store.is_initialised():
        password = admin_password or generated_password()
        initialise(store, village=village or default_village, admin=DEMO_ADMIN, password=password,
                   admin_name="Administrator")
        return password
    if village:
        store.set_office_village(village)
    return None


DEMO_ACTION = "registration.demo"  # the audit action that marks a person as generated


def real_registrations(store: Store) -> int:
    """How many registrations were not made by ``demo`` (each demo person's creation is audited
    as :data:`DEMO_ACTION` with detail ``{"source": "demo"}``). 0 for a new database."""
    if not store.is_initialised():
        return 0
    demo_ids = select(AuditEntry.entity_id).where(AuditEntry.action == DEMO_ACTION,
                                                  AuditEntry.entity == "registration")
    query = select(func.count()).select_from(RegistrationRow).where(
        col(RegistrationRow.uuid).not_in(demo_ids))
    with store.read() as session:
        return int(session.exec(query).one())


@dataclass(frozen=True, slots=True)
class DemoResult:
    village: str
    village_name: str | None
    added: int
    total: int
    seconds: float


def add_demo_data(store: Store, *, count: int, user: UserInfo, seed: int = 2026,
                  progress: Callable[[int, int], None] | None = None) -> DemoResult:
    """``count`` generated registrations (NIKs already taken are skipped), written in bulk
    chunks of :data:`CHUNK`; ``progress(done, count)`` after each chunk but the last."""
    village = store.office_village()
    regions = store.context().regions
    now = store.clock()
    with store.read() as session:
        taken = set(existing_niks(session, []))
    started = time.perf_counter()
    batch: list[BulkItem] = []
    done = 0
    for index, reg in enumerate(generate(
        count, village_code=village, postal_code=regions.postal_code(village) or "17000",
        today=now.date(), recorded_by=user.username, seed=seed, taken_niks=taken,
    )):
        if index < CHECKED:
            reg, problems = validate_registration(reg, today=now.date(), ctx=store.context())
            assert not has_errors(problems), problems
        batch.append(BulkItem(reg, audit_detail={"source": "demo"}))
        if len(batch) >= CHUNK:
            done += _flush(store, batch, user.username, now, village)
            batch = []
            if progress is not None:
                progress(done, count)
    if batch:
        done += _flush(store, batch, user.username, now, village)
    seconds = round(time.perf_counter() - started, 2)
    return DemoResult(village, regions.name(village), done, store.count(), seconds)


def _flush(store: Store, batch: list[BulkItem], actor: str, now: datetime, village: str) -> int:
    with store.write() as session:
        taken = existing_niks(session, (item.registration.nik for item in batch))
        fresh = [item for item in batch if item.registration.nik not in taken]
        bulk_insert(session, fresh, actor=actor, now=now, office_village=village,
                    action=DEMO_ACTION)
    return len(fresh)
