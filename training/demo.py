"""Demo training for seed_demo: the 2025 and 2026 DAK allocations with their lines, five
tracks, cohorts over both years (finished, running, upcoming), about 1,200 enrolments at
every stage: waiting, enrolled, attending, passed, certified (with the certificate in the
registry), and the spending of finished cohorts.

Written in bulk, along the same rules as the services: participants are active
entrepreneurs, one cohort each, the quota holds and the rest wait; certificates only for
those who passed every module with enough attendance."""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from registry.models import REAL_ISSUERS, UMKM, CertificationKind, Status
from registry.sectors import Sector
from registry.services import NewCertification, certification_add_many

from .models import (
    Allocation,
    Attendance,
    BudgetLine,
    Certificate,
    Cohort,
    Enrollment,
    FacilitatedCertification,
    Module,
    ModuleResult,
    Session,
    Spending,
    SupplyCategory,
    Track,
)
from .selectors.budget import line_spent
from .services.completion import ISSUER, certificate_as_printed, certificate_number

MODULES = [
    ("Kewirausahaan", 8, None),
    ("Manajemen keuangan usaha", 8, None),
    ("Pemasaran digital", 6, None),
    ("Uji kompetensi / sertifikasi", 4, 70),
]
TRACKS = [
    (
        "Jasa Boga / Katering Industri",
        SupplyCategory.CATERING,
        CertificationKind.COMPETENCY,
        "Sertifikat Kompetensi Pengolahan Makanan (Jasa Boga)",
        Sector.KULINER,
    ),
    (
        "Konveksi & Seragam Kerja",
        SupplyCategory.UNIFORMS,
        CertificationKind.COMPETENCY,
        "Sertifikat Kompetensi Menjahit Pakaian Kerja",
        Sector.FASHION,
    ),
    (
        "Laundry Industri",
        SupplyCategory.LAUNDRY,
        CertificationKind.COMPETENCY,
        "Sertifikat Kompetensi Binatu",
        Sector.JASA,
    ),
    (
        "Makanan Olahan Halal",
        SupplyCategory.SNACKS,
        CertificationKind.HALAL,
        "Sertifikat Halal (pendampingan proses produk halal)",
        Sector.KULINER,
    ),
    (
        "Simpan Pinjam Koperasi",
        SupplyCategory.COOPERATIVE,
        CertificationKind.COMPETENCY,
        "Sertifikat Kompetensi Pengelola Simpan Pinjam",
        None,
    ),
]
LINES = [
    ("pelatihan", "Pelatihan kewirausahaan dan keterampilan", 1_900_000_000),
    ("sertifikasi", "Uji kompetensi dan sertifikasi", 600_000_000),
    ("inkubasi", "Inkubasi bisnis", 500_000_000),
    ("koperasi", "Sertifikasi simpan pinjam koperasi", 400_000_000),
]


@transaction.atomic
def seed_training(*, seed: int = 2026, cohorts_per_track_year: int = 4) -> int:
    """Idempotent: nothing is added once the demo tracks exist. Returns enrolments made."""
    if Track.objects.exists():
        return 0
    rng = random.Random(seed)
    staff = get_user_model().objects.filter(username="staf.dinas").first()
    if staff is None:
        return 0
    lines = _budget()
    tracks = _tracks()
    today = timezone.localdate()
    pools = _candidates(rng)
    cohorts = []
    for year in (2025, 2026):
        for index, (track, _sector) in enumerate(tracks):
            for n in range(cohorts_per_track_year):
                starts = date(year, 2 + n * 3, rng.randint(2, 20))
                if year == 2026 and n == cohorts_per_track_year - 1:  # still to come
                    starts = today + timedelta(days=10 + 7 * index)
                cohorts.append(
                    Cohort(
                        track=track,
                        name=f"{track.name} {year}-{n + 1}",
                        starts_on=starts,
                        ends_on=starts + timedelta(days=9),
                        venue=rng.choice(
                            [
                                "Aula Dinas Koperasi dan UMKM",
                                "Gedung Diklat Kota Cilegon",
                                "BLK Kota Cilegon",
                                "Aula Kecamatan Citangkil",
                            ]
                        ),
                        trainer=rng.choice(
                            [
                                "LSP Pariwisata Banten",
                                "LPK Mitra Usaha",
                                "LSP Koperasi Indonesia",
                                "LP3H Banten",
                                "Politeknik Krakatau",
                            ]
                        ),
                        quota=rng.choice([20, 25, 30]),
                        budget_line=lines[year][
                            "koperasi"
                            if track.supply_category == SupplyCategory.COOPERATIVE
                            else "pelatihan"
                        ],
                        cost_per_participant=rng.choice([2_000_000, 2_500_000, 3_000_000]),
                    )
                )
    Cohort.objects.bulk_create(cohorts)
    sectors = {track.pk: sector for track, sector in tracks}
    made = 0
    for cohort in cohorts:
        made += _run_cohort(rng, cohort, pools, sectors[cohort.track_id], today, staff)
    return made


def _budget() -> dict[int, dict[str, BudgetLine]]:
    lines: dict[int, dict[str, BudgetLine]] = {}
    for year in (2025, 2026):
        allocation = Allocation.objects.create(
            fiscal_year=year, amount=3_400_000_000, note=f"DPA Dinas Koperasi dan UMKM {year}"
        )
        lines[year] = {
            category: BudgetLine.objects.create(
                allocation=allocation, category=category, name=name, amount=amount
            )
            for category, name, amount in LINES
        }
    return lines


def _tracks():
    tracks = []
    for name, category, kind, title, sector in TRACKS:
        track = Track.objects.create(
            name=name, supply_category=category, certificate_kind=kind, certificate_title=title
        )
        Module.objects.bulk_create(
            Module(track=track, order=i, name=m, hours=h, pass_score=p)
            for i, (m, h, p) in enumerate(MODULES, start=1)
        )
        tracks.append((track, sector))
    return tracks


def _candidates(rng) -> dict:
    """Active entrepreneurs by sector, shuffled; each takes part in one cohort at most."""
    pools: dict = {}
    eligible = UMKM.objects.filter(status=Status.ACTIVE, is_entrepreneur=True)
    for pk, sector in eligible.values_list("pk", "sector"):
        pools.setdefault(sector, []).append(pk)
        pools.setdefault(None, []).append(pk)
    for pool in pools.values():
        rng.shuffle(pool)
    return pools


def _take(pools, sector) -> int | None:
    for key in (sector, None):
        while pools.get(key):
            pk = pools[key].pop()
            if pk not in pools.setdefault("taken", set()):
                pools["taken"].add(pk)
                return pk
    return None


def _run_cohort(rng, cohort, pools, sector, today, staff) -> int:
    stage = (
        "upcoming" if cohort.starts_on > today else "running" if cohort.ends_on >= today else "done"
    )
    people = []
    for i in range(cohort.quota + rng.randint(0, 5)):
        pk = _take(pools, sector)
        if pk is None:
            break
        state = Enrollment.State.ENROLLED if i < cohort.quota else Enrollment.State.WAITING
        people.append(Enrollment(cohort=cohort, umkm_id=pk, state=state, enrolled_by=staff))
    Enrollment.objects.bulk_create(people)
    if stage == "upcoming":
        return len(people)
    enrolled = [e for e in people if e.state == Enrollment.State.ENROLLED]
    if not enrolled:  # a small demo registry ran out of candidates
        return len(people)
    modules = list(cohort.track.modules.all())
    held = modules if stage == "done" else modules[: max(1, len(modules) // 2)]
    days = [cohort.starts_on + timedelta(days=2 * i) for i in range(len(held))]
    sessions = Session.objects.bulk_create(
        Session(cohort=cohort, module=m, held_on=day, recorded_by=staff)
        for m, day in zip(held, days, strict=True)
        if day <= today  # no session is recorded before it is held
    )
    if not sessions:
        return len(people)
    keen = {e.pk: rng.random() < 0.85 for e in enrolled}  # most come to (nearly) everything
    Attendance.objects.bulk_create(
        Attendance(session=s, enrollment=e, present=rng.random() < (0.97 if keen[e.pk] else 0.5))
        for s in sessions
        for e in enrolled
    )
    if stage == "done":
        _results_and_certificates(rng, cohort, enrolled, modules, sessions, staff)
        # The past as it was: spending dated the day the cohort ended, in months (and a year)
        # long closed, where the service now dates only the open month's. Within the line.
        amount = cohort.cost_per_participant * len(enrolled)
        if amount <= cohort.budget_line.amount - line_spent(cohort.budget_line):
            Spending.objects.create(
                line=cohort.budget_line,
                spent_on=cohort.ends_on,
                amount=amount,
                description=f"Biaya pelatihan {cohort.name} ({len(enrolled)} peserta)",
                document_no=f"SPJ/{cohort.ends_on:%Y}/{cohort.pk:04d}",
                created_by=staff,
            )
    return len(people)


def _results_and_certificates(rng, cohort, enrolled, modules, sessions, staff) -> None:
    track = cohort.track
    present = set(
        Attendance.objects.filter(session__in=sessions, present=True).values_list(
            "enrollment_id", "session_id"
        )
    )
    results, certified = [], []
    for e in enrolled:
        attended = sum(1 for s in sessions if (e.pk, s.pk) in present)
        passed_all = True
        for m in modules:
            score = rng.randint(55, 98) if m.pass_score is not None else None
            passed = score >= m.pass_score if score is not None else rng.random() < 0.95
            passed_all &= passed
            results.append(
                ModuleResult(enrollment=e, module=m, score=score, passed=passed, recorded_by=staff)
            )
        if passed_all and 100 * attended / len(sessions) >= track.attendance_threshold:
            certified.append(e)
    ModuleResult.objects.bulk_create(results)
    issued_on = cohort.ends_on + timedelta(days=7)
    businesses = UMKM.objects.select_related("kelurahan").in_bulk([e.umkm_id for e in certified])
    first = Certificate.objects.filter(
        issued_on__year=issued_on.year, enrollment__cohort__track=track
    ).count()
    entries = certification_add_many(
        certifications=[
            NewCertification(
                umkm_id=e.umkm_id,
                kind=CertificationKind.TRAINING,
                issuer=ISSUER,
                issued_on=issued_on,
                number=certificate_number(issued_on.year, track.pk, first + i),
            )
            for i, e in enumerate(certified, start=1)
        ],
        user=staff,
        reason="Data demo",
    )
    Certificate.objects.bulk_create(
        Certificate(
            enrollment=e,
            number=entry.number,
            issued_on=issued_on,
            issued_by=staff,
            certification=entry,
            **certificate_as_printed(cohort, businesses[e.umkm_id]),
        )
        for e, entry in zip(certified, entries, strict=True)
    )
    _facilitated(rng, track, certified, issued_on + timedelta(days=45), staff)


# How the real issuers number what a track prepares for (who issues it: REAL_ISSUERS).
NUMBER_FORMATS = {
    CertificationKind.HALAL: "ID36{:011d}",
    CertificationKind.COMPETENCY: "LSP-{:07d}",
}


def _facilitated(rng, track, certified, arrived_on, staff) -> None:
    """Most graduates of a finished cohort later receive the certificate the track prepared
    them for, from its real issuer, recorded when it arrived (never before today)."""
    if track.certificate_kind not in NUMBER_FORMATS or arrived_on > timezone.localdate():
        return
    issuer, number = REAL_ISSUERS[track.certificate_kind], NUMBER_FORMATS[track.certificate_kind]
    obtained = [e for e in certified if rng.random() < 0.7]
    entries = certification_add_many(
        certifications=[
            NewCertification(
                umkm_id=e.umkm_id,
                kind=track.certificate_kind,
                issuer=issuer,
                issued_on=arrived_on,
                number=number.format(e.pk),
            )
            for e in obtained
        ],
        user=staff,
        reason="Data demo",
    )
    FacilitatedCertification.objects.bulk_create(
        FacilitatedCertification(enrollment=e, certification=entry, recorded_by=staff)
        for e, entry in zip(obtained, entries, strict=True)
    )
