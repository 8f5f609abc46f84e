"""Demo mentoring for seed_demo: a pendamping ekonomi for most kelurahan and a pendamping
PDB for most kecamatan (a few left uncovered, as in real life), one reassignment, a year of
visits and referrals in every state. The demo accounts pendamping.pdb and
pendamping.ekonomi get the areas with the most work, so logging in as them shows it.

Visits and referrals are written in bulk; loan referrals that were taken up point at real
applications made by the lending demo, so their status follows those applications."""

from __future__ import annotations

import random
import uuid
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from cilegon_umkm.accounts.demo import demo_account, demo_colleague
from cilegon_umkm.accounts.roles import Role
from lending.models import Application
from registry.demo import FAMILY, FEMALE, MALE
from registry.models import UMKM, Kecamatan, Kelurahan

from .models import Assignment, Mentor, MentorKind, Need, Purpose, Referral, Visit

SINCE = date(2025, 1, 2)
UNCOVERED_KELURAHAN = 4  # kelurahan with no pendamping ekonomi, for the coverage page
UNCOVERED_KECAMATAN = 1  # kecamatan with no pendamping PDB

FINDINGS = [
    "Usaha berjalan normal, pembeli tetap dari sekitar rumah",
    "Omzet turun karena harga bahan baku naik",
    "Pemilik ingin menambah etalase dan stok",
    "Belum punya NIB, dibantu daftar OSS",
    "Pembukuan masih dicampur dengan uang rumah tangga",
    "Produk sudah dijual lewat marketplace",
    "Kemasan sederhana, perlu label dan izin PIRT",
    "Angsuran dibayar tepat waktu, usaha stabil",
]


@transaction.atomic
def seed_mentoring(*, seed: int = 2026, visits_per_day: float = 3.0) -> None:
    """Idempotent: nothing is added when the mentors already exist."""
    rng = random.Random(seed)
    demo_pdb = _mentor(demo_account("pendamping.pdb"), MentorKind.PDB, Mentor.PaidBy.DINAS)
    demo_ekonomi = _mentor(
        demo_account("pendamping.ekonomi"), MentorKind.EKONOMI, Mentor.PaidBy.KELURAHAN
    )
    if Mentor.objects.count() > 2:
        return
    busiest = _kecamatan_with_most_waiting()
    _assign(demo_pdb, kecamatan=busiest)
    home = (
        UMKM.objects.filter(kelurahan__kecamatan=busiest)
        .values("kelurahan")
        .annotate(n=Count("id"))
        .order_by("-n", "kelurahan")
        .first()
    )
    if home is None:
        return  # no businesses yet: only the demo accounts
    _assign(demo_ekonomi, kelurahan_id=home["kelurahan"])
    ekonomi = _field_mentors(rng, demo_ekonomi, demo_pdb, busiest, home["kelurahan"])
    _visits_and_referrals(rng, ekonomi, visits_per_day)


def _kecamatan_with_most_waiting() -> Kecamatan:
    waiting = (
        Application.objects.filter(state=Application.State.SUBMITTED)
        .values("umkm__kelurahan__kecamatan")
        .annotate(n=Count("id"))
        .order_by("-n", "umkm__kelurahan__kecamatan")
        .first()
    )
    pk = waiting["umkm__kelurahan__kecamatan"] if waiting else None
    return Kecamatan.objects.filter(pk=pk).first() or Kecamatan.objects.order_by("name").first()


def _mentor(user, kind: str, paid_by: str) -> Mentor:
    mentor, _created = Mentor.objects.get_or_create(
        user=user, defaults={"kind": kind, "paid_by": paid_by, "phone": "+6281234500000"}
    )
    return mentor


def _assign(mentor: Mentor, **area) -> None:
    if not mentor.assignments.exists():
        Assignment.objects.create(mentor=mentor, starts_on=SINCE, **area)


def _new_user(rng, username: str, role: Role):
    female = rng.random() < 0.5
    return demo_colleague(
        username=username,
        first_name=rng.choice(FEMALE if female else MALE),
        last_name=rng.choice(FAMILY),
        role=role,
    )


def _field_mentors(rng, demo_ekonomi, demo_pdb, busiest, home_kelurahan) -> list[Mentor]:
    """A pendamping ekonomi per kelurahan and a pendamping PDB per kecamatan, but for a few
    gaps; one kelurahan changed hands in mid-2025. Returns the ekonomi mentors."""
    kelurahan = list(Kelurahan.objects.exclude(pk=home_kelurahan).order_by("code"))
    uncovered = set(rng.sample([k.pk for k in kelurahan], UNCOVERED_KELURAHAN))
    ekonomi = [demo_ekonomi]
    for k in kelurahan:
        if k.pk in uncovered:
            continue
        mentor = Mentor.objects.create(
            user=_new_user(rng, f"pe.{k.code.replace('.', '')[-6:]}", Role.PENDAMPING_EKONOMI),
            kind=MentorKind.EKONOMI,
            paid_by=rng.choice([Mentor.PaidBy.KELURAHAN, Mentor.PaidBy.KECAMATAN]),
            phone=f"+62812{rng.randrange(10**7, 10**8)}",
        )
        Assignment.objects.create(mentor=mentor, kelurahan=k, starts_on=SINCE)
        ekonomi.append(mentor)
    # A reassignment: the first generated mentor's kelurahan went to a successor in July.
    leaver = ekonomi[1]
    old = leaver.assignments.get()
    old.ends_on = date(2025, 6, 30)
    old.save(update_fields=["ends_on"])
    successor = Mentor.objects.create(
        user=_new_user(
            rng, f"pe.{old.kelurahan.code.replace('.', '')[-6:]}b", Role.PENDAMPING_EKONOMI
        ),
        kind=MentorKind.EKONOMI,
        paid_by=Mentor.PaidBy.KELURAHAN,
    )
    Assignment.objects.create(
        mentor=successor, kelurahan=old.kelurahan, starts_on=date(2025, 7, 1), note="Pengganti"
    )
    leaver.active = False
    leaver.save(update_fields=["active"])
    ekonomi.append(successor)
    kecamatan = list(Kecamatan.objects.exclude(pk=busiest.pk).order_by("code"))
    for k in kecamatan[UNCOVERED_KECAMATAN:]:
        mentor = Mentor.objects.create(
            user=_new_user(rng, f"pdb.{k.code[-2:]}", Role.PENDAMPING_PDB),
            kind=MentorKind.PDB,
            paid_by=Mentor.PaidBy.DINAS,
            phone=f"+62813{rng.randrange(10**7, 10**8)}",
        )
        Assignment.objects.create(mentor=mentor, kecamatan=k, starts_on=SINCE)
    return ekonomi


def _visits_and_referrals(rng, ekonomi: list[Mentor], visits_per_day: float) -> None:
    today = timezone.localdate()
    start = max(SINCE, today - timedelta(days=365))
    visits, referrals = [], []
    by_kelurahan: dict[int, list[int]] = {}
    for pk, kelurahan_id in UMKM.objects.values_list("pk", "kelurahan_id"):
        by_kelurahan.setdefault(kelurahan_id, []).append(pk)
    for mentor in ekonomi:
        for assignment in mentor.assignments.all():
            businesses = by_kelurahan.get(assignment.kelurahan_id, [])
            if not businesses:
                continue
            # About 3 visits a working day in a full kelurahan; fewer in a small demo.
            rate = min(visits_per_day, len(businesses) / 40)
            day = max(start, assignment.starts_on)
            end = min(today, assignment.ends_on or today)
            while day <= end:
                if day.weekday() < 5:
                    for _ in range(_poisson(rng, rate)):
                        visits.append(_visit(rng, mentor, rng.choice(businesses), day))
                day += timedelta(days=1)
    Visit.objects.bulk_create(visits, batch_size=5000)
    kelurahan_of = {pk: k for k, pks in by_kelurahan.items() for pk in pks}
    referrals = _referrals(rng, visits, kelurahan_of)
    Referral.objects.bulk_create(referrals, batch_size=2000)


def _poisson(rng, mean: float) -> int:
    count, threshold, product = 0, pow(2.718281828, -mean), rng.random()
    while product > threshold:
        count += 1
        product *= rng.random()
    return count


def _visit(rng, mentor, umkm_id, day) -> Visit:
    needs = rng.sample(Need.values, rng.choice([0, 0, 1, 1, 2]))
    return Visit(
        umkm_id=umkm_id,
        mentor=mentor,
        visited_on=day,
        purpose=rng.choice(
            [Purpose.DATA, Purpose.DATA, Purpose.COACHING, Purpose.COACHING, Purpose.FACILITATION]
        ),
        findings=rng.choice(FINDINGS),
        needs=sorted(needs, key=Need.values.index),
        follow_up="Kunjungan lanjutan" if needs else "",
        follow_up_on=day + timedelta(days=14) if needs else None,
        client_id=uuid.UUID(int=rng.getrandbits(128)),
    )


def _referrals(rng, visits: list[Visit], kelurahan_of: dict[int, int]) -> list[Referral]:
    """Loan referrals from visits that found a need for capital, training ones from those
    that found training or certification; every state represented. Taken-up loan referrals
    point at the demo's applications of businesses in the same area."""
    applications: dict[int, list[tuple]] = {}  # kelurahan -> (application, umkm, made on)
    for pk, umkm_id, created_at in (
        Application.objects.filter(referral__isnull=True)
        .exclude(state=Application.State.WITHDRAWN)
        .order_by("created_at")
        .values_list("pk", "umkm_id", "created_at")
    ):
        made_on = timezone.localtime(created_at).date()
        applications.setdefault(kelurahan_of[umkm_id], []).append((pk, umkm_id, made_on))
    rows, seen = [], set()
    for visit in visits:
        wants = [n for n in visit.needs if n in (Need.CAPITAL, Need.TRAINING, Need.CERTIFICATION)]
        if not wants or visit.umkm_id in seen or rng.random() > 0.15:
            continue
        seen.add(visit.umkm_id)
        loan = wants[0] == Need.CAPITAL
        state = rng.choices(
            [Referral.State.SENT, Referral.State.ACCEPTED, Referral.State.DECLINED], [3, 5, 2]
        )[0]
        rows.append(
            Referral(
                umkm_id=visit.umkm_id,
                referred_by=visit.mentor,
                visit=visit,
                kind=Referral.Kind.LOAN if loan else Referral.Kind.TRAINING,
                need="Butuh tambahan modal usaha" if loan else "Ingin ikut pelatihan",
                amount_wished=rng.choice([3, 5, 7, 10]) * 1_000_000 if loan else None,
                training_topic=""
                if loan
                else rng.choice(["Sertifikasi halal", "PIRT", "Pemasaran digital"]),
                state=state,
                created_at=_at(rng, visit.visited_on),
                decided_at=_at(rng, visit.visited_on + timedelta(days=rng.randint(2, 10)))
                if state != Referral.State.SENT
                else None,
                decline_reason="Usaha belum berjalan 6 bulan"
                if state == Referral.State.DECLINED
                else "",
                client_id=uuid.UUID(int=rng.getrandbits(128)),
            )
        )
    # A taken-up loan referral is about a business of the same kelurahan that has a demo
    # application, so its status is real; where there is none, it is still waiting.
    for referral in rows:
        if referral.kind == Referral.Kind.LOAN and referral.state == Referral.State.ACCEPTED:
            referred_on = timezone.localtime(referral.created_at).date()
            pool = applications.get(kelurahan_of[referral.umkm_id], [])
            later = next((a for a in pool if a[2] >= referred_on), None)
            if later is None:
                referral.state, referral.decided_at = Referral.State.SENT, None
                continue
            pool.remove(later)
            referral.application_id, referral.umkm_id = later[0], later[1]
            referral.decided_at = _at(rng, later[2])
    return rows


def _at(rng, day: date):
    moment = datetime.combine(min(day, timezone.localdate()), time(rng.randint(8, 15)))
    return timezone.make_aware(moment)
