"""Demo lending for seed_demo: UPTD's fund and a partner-bank channel, the 2023 and 2025
products, and a few thousand loans over three years that behave as borrowers do (most
on time, some late, some stopping and written off, a few paying off early, a few
repayments posted by mistake and reversed).

The loans are written in bulk, but through the same pure pieces as the services (the
schedule, the allocation replay), so their ledger is exactly what posting them one by one
would have produced; the tests check the books balance on the demo data too."""

from __future__ import annotations

import random
import uuid
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from cilegon_umkm.accounts.demo import demo_account
from registry.models import UMKM, Status

from .allocation import Payment, replay
from .models import (
    Application,
    ApplicationEvent,
    Fund,
    FundEntry,
    Installment,
    Loan,
    Product,
    ReceiptSeries,
    Repayment,
    Survey,
)
from .schedule import add_months, build_schedule
from .services import (
    application_approve,
    application_reject,
    application_submit,
    application_survey,
    application_withdraw,
)
from .services.loans import (
    INSTALLMENT_PAID_FIELDS,
    LOAN_TOTAL_FIELDS,
    loan_on_terms,
    set_totals_from,
    split_parts,
)

Kind = FundEntry.Kind
State = Application.State
FUND_NAME = "Dana Bergulir UPTD Kota Cilegon"
BANK_FUND_NAME = "Kanal Bank Mitra (BJB)"


def seed_lending(*, seed: int, loans: int = 3000) -> int:
    """Create the demo funds, products and loans once; a second run changes nothing.
    Returns the number of loans created."""
    with transaction.atomic():
        funds, products = _funds_and_products()
        if Loan.objects.filter(fund__in=funds).exists():
            return 0
        rng = random.Random(seed)
        if not loans:  # no lending demo asked for: just the funds and products
            return 0
        created = _seed_loans(rng, products, loans)
        _seed_pipeline(rng, products)
        return created


# How many applications wait at each step today, so every queue has work in it.
PIPELINE = {"submitted": 12, "surveyed": 8, "approved": 5, "rejected": 4, "withdrawn": 3}


def _seed_pipeline(rng: random.Random, products: list[Product]) -> None:
    """Applications in progress, made through the services as staff would make them."""
    today = timezone.localdate()
    offered = [p for p in products if p.is_active_on(today)]
    if not offered:
        return
    staff, mentor, head = _user("staf.upt"), _user("pendamping.pdb"), _user("kepala.upt")
    borrowers = (
        UMKM.objects.filter(status=Status.ACTIVE)
        .exclude(owner_nik__in=Loan.objects.values("umkm__owner_nik"))
        .exclude(owner_nik__in=Application.objects.values("umkm__owner_nik"))
        .order_by("-pk")
    )
    steps = [step for step, count in PIPELINE.items() for _ in range(count)]
    one_per_owner = {}
    for umkm in borrowers[: len(steps) * 3]:  # an owner may have several businesses
        one_per_owner.setdefault(umkm.owner_nik, umkm)
    for umkm, step in zip(one_per_owner.values(), steps, strict=False):
        product = rng.choice(offered)
        application = application_submit(
            umkm=umkm,
            product=product,
            amount=min(product.max_amount, rng.choice([3, 5, 5, 7, 10]) * 1_000_000),
            tenor_months=rng.choice(product.tenors),
            purpose=rng.choice(["Tambah bahan baku", "Beli etalase", "Tambah stok dagangan"]),
            submitted_by=staff,
        )
        # Filed some days ago (the services stamp "now"): the survey came after it.
        filed_days_ago = rng.randint(5, 20)
        filed_at = timezone.now() - timedelta(days=filed_days_ago)
        Application.objects.filter(pk=application.pk).update(created_at=filed_at)
        application.events.update(at=filed_at)
        application.created_at = filed_at
        if step == "withdrawn":
            application_withdraw(
                application=application, withdrawn_by=staff, note="Pemohon mengundurkan diri"
            )
            continue
        if step == "submitted":
            continue
        feasible = step != "rejected"
        application_survey(
            application=application,
            surveyed_by=mentor,
            surveyed_on=today - timedelta(days=rng.randint(0, filed_days_ago - 1)),
            business_condition="Usaha berjalan setiap hari di rumah sendiri"
            if feasible
            else "Usaha baru berjalan dua bulan, omzet belum tetap",
            use_of_funds=application.purpose,
            monthly_net_income=rng.randint(10, 50) * 100_000,
            capacity_note="Sanggup mengangsur dari keuntungan harian" if feasible else "",
            recommendation=Survey.Recommendation.FEASIBLE
            if feasible
            else Survey.Recommendation.NOT_FEASIBLE,
        )
        if step == "approved":
            application_approve(application=application, approver=head)
        elif step == "rejected":
            application_reject(
                application=application,
                decided_by=head,
                reason="Kemampuan bayar belum cukup menurut hasil survei",
            )


def top_up_loans(*, seed: int, target: int) -> int:
    """Add demo loans until there are `target` in all (for the benchmark), to owners who
    have had none. Returns the number added."""
    with transaction.atomic():
        _funds, products = _funds_and_products()
        missing = target - Loan.objects.count()
        if missing <= 0:
            return 0
        return _seed_loans(random.Random(seed), products, missing)


def _user(username: str):
    return demo_account(username)


def _funds_and_products():
    uptd, created = Fund.objects.get_or_create(name=FUND_NAME)
    bank, bank_created = Fund.objects.get_or_create(
        name=BANK_FUND_NAME, defaults={"partner_bank": "Bank BJB", "receipt_prefix": "BJB"}
    )
    if created:
        for year, amount in [
            (2023, 8_000_000_000),
            (2024, 5_000_000_000),
            (2025, 12_000_000_000),
            (2026, 5_000_000_000),
        ]:
            FundEntry.objects.create(
                fund=uptd,
                kind=Kind.CAPITAL,
                amount=amount,
                entry_date=date(year, 1, 10),
                note=f"APBD {year}",
            )
    if bank_created:
        FundEntry.objects.create(
            fund=bank,
            kind=Kind.CAPITAL,
            amount=4_000_000_000,
            entry_date=date(2025, 2, 3),
            note="Penempatan dana APBD 2025 di Bank BJB",
        )
    specs = [
        {
            "name": "Perintisan 2023",
            "fund": uptd,
            "max_amount": 5_000_000,
            "jasa_percent_per_year": Decimal(0),
            "tenors": [10, 12],
            "active_from": date(2023, 1, 1),
            "active_to": date(2023, 12, 31),
            "description": "Pinjaman perintisan tanpa jasa untuk usaha yang baru mulai.",
        },
        {
            "name": "Penguatan 2023",
            "fund": uptd,
            "max_amount": 10_000_000,
            "jasa_percent_per_year": Decimal(3),
            "tenors": [12, 18, 24],
            "denda_percent_per_month": Decimal(1),
            "denda_grace_days": 7,
            "active_from": date(2023, 1, 1),
            "active_to": date(2024, 12, 31),
            "description": "Pinjaman penguatan modal, jasa 3% per tahun flat.",
        },
        {
            "name": "Dana Bergulir 2025",
            "fund": uptd,
            "max_amount": 10_000_000,
            "jasa_percent_per_year": Decimal(0),
            "tenors": [12],
            "active_from": date(2025, 1, 1),
            "description": "Sampai Rp10 juta, 0%, tanpa agunan, 12 bulan (Perwal 2025).",
        },
        {
            "name": "Kanal Bank 2025",
            "fund": bank,
            "max_amount": 10_000_000,
            "jasa_percent_per_year": Decimal(0),
            "tenors": [12],
            "active_from": date(2025, 3, 1),
            "description": "Penyaluran dana bergulir melalui bank mitra.",
        },
    ]
    products = [
        Product.objects.get_or_create(name=spec.pop("name"), defaults=spec)[0] for spec in specs
    ]
    return [uptd, bank], products


def _seed_loans(rng: random.Random, products: list[Product], count: int) -> int:
    today = timezone.localdate()
    staff, mentor, head = _user("staf.upt"), _user("pendamping.pdb"), _user("kepala.upt")
    businesses = list(
        UMKM.objects.filter(status=Status.ACTIVE)
        .exclude(owner_nik__in=Loan.objects.values("umkm__owner_nik"))
        .order_by("pk")
        .values_list("pk", "owner_nik")[: count * 3]
    )
    rng.shuffle(businesses)
    busy_until: dict[str, date] = {}  # owner NIK -> date their current loan ends
    first_day = date(2023, 2, 1)
    span = (today - timedelta(days=20) - first_day).days
    plans = []
    for disbursed_on in sorted(
        first_day + timedelta(days=rng.randrange(span)) for _ in range(count)
    ):
        product = _product_on(rng, products, disbursed_on)
        if product is None:
            continue
        business = next(
            (b for b in businesses if busy_until.get(b[1], date.min) < disbursed_on), None
        )
        if business is None:
            break
        businesses.remove(business)
        amount = rng.choice([2, 3, 4, 5, 5, 7, 8, 10, 10]) * 1_000_000
        amount = min(amount, product.max_amount)
        tenor = rng.choice(product.tenors)
        busy_until[business[1]] = add_months(disbursed_on, tenor + 6)
        plans.append((business[0], product, amount, tenor, disbursed_on))
    _write(rng, plans, today, staff=staff, mentor=mentor, head=head)
    return len(plans)


def _office_hours(rng, day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(rng.randint(8, 14), rng.randint(0, 59))))


def _product_on(rng, products, day):
    offered = [p for p in products if p.is_active_on(day)]
    return rng.choice(offered) if offered else None


def _behaviour(rng) -> str:
    return rng.choices(["on_time", "late", "stops", "payoff"], [76, 14, 6, 4])[0]


def _payments(rng, schedule, behaviour: str, today: date, denda_rule):
    """(paid_on, amount, is_payoff) of a borrower of this behaviour, up to today."""
    payments = []
    stop_at = rng.randint(2, max(2, len(schedule) - 2)) if behaviour == "stops" else None
    for installment in schedule:
        if stop_at is not None and installment.number >= stop_at:
            break
        delay = (
            rng.randint(-5, 2)
            if behaviour in ("on_time", "payoff")
            else rng.choice([0, 10, 20, 40, 65])
        )
        paid_on = installment.due_date + timedelta(days=delay)
        if paid_on > today:
            break
        if installment.number == len(schedule):  # settles the rest, after every other
            paid_on = max([paid_on] + [p[0] for p in payments])
            payments.append((paid_on, None, False))  # amount: all that is left, by quote
            break
        total = installment.principal + installment.jasa
        # What the counter asks for: the installment and its denda, if it is late.
        payments.append(
            (paid_on, total + denda_rule.denda(total, installment.due_date, paid_on), False)
        )
        if behaviour == "payoff" and installment.number == len(schedule) // 2:
            payments.append((paid_on + timedelta(days=3), None, True))  # amount by quote below
            break
    return payments


def _write(rng, plans, today, *, staff, mentor, head) -> None:
    applications, surveys, events, loans, rows = [], [], [], [], []
    for umkm_id, product, amount, tenor, disbursed_on in plans:
        application = Application(
            umkm_id=umkm_id,
            product=product,
            amount=amount,
            tenor_months=tenor,
            purpose=rng.choice(
                [
                    "Tambah bahan baku",
                    "Beli peralatan",
                    "Tambah stok dagangan",
                    "Renovasi tempat usaha",
                ]
            ),
            state=State.DISBURSED,
            created_by=staff,
            decided_by=head,
        )
        applications.append(application)
        rows.append((application, disbursed_on))
    Application.objects.bulk_create(applications, batch_size=1000)
    kelurahan_of = dict(
        UMKM.objects.filter(pk__in=[a.umkm_id for a in applications]).values_list(
            "pk", "kelurahan_id"
        )
    )
    for application, disbursed_on in rows:
        surveyed_on = disbursed_on - timedelta(days=rng.randint(5, 20))
        surveys.append(
            Survey(
                application=application,
                surveyed_by=mentor,
                surveyed_on=surveyed_on,
                business_condition="Usaha berjalan, tempat usaha tetap",
                use_of_funds=application.purpose,
                monthly_net_income=rng.randint(15, 60) * 100_000,
                recommendation="layak",
            )
        )
        submitted_on = surveyed_on - timedelta(days=rng.randint(3, 10))
        application.created_at = _office_hours(rng, submitted_on)
        for from_state, to_state, actor, on in [
            ("", State.SUBMITTED, staff, submitted_on),
            (State.SUBMITTED, State.SURVEYED, mentor, surveyed_on),
            (
                State.SURVEYED,
                State.APPROVED,
                head,
                disbursed_on - timedelta(days=rng.randint(1, 4)),
            ),
            (State.APPROVED, State.DISBURSED, staff, disbursed_on),
        ]:
            events.append(
                ApplicationEvent(
                    application=application,
                    from_state=from_state,
                    to_state=to_state,
                    actor=actor,
                    at=_office_hours(rng, on),
                )
            )
        loans.append(
            loan_on_terms(
                application,
                kelurahan_id=kelurahan_of[application.umkm_id],
                disbursed_on=disbursed_on,
                disbursed_by=staff,
            )
        )
    Application.objects.bulk_update(applications, ["created_at"], batch_size=1000)
    Survey.objects.bulk_create(surveys, batch_size=1000)
    ApplicationEvent.objects.bulk_create(events, batch_size=2000)
    Loan.objects.bulk_create(loans, batch_size=1000)
    _write_schedules_and_repayments(rng, loans, today, staff=staff, head=head)


def _write_schedules_and_repayments(rng, loans, today, *, staff, head) -> None:
    installments, repayments, entries, finals = [], [], [], []
    for loan in loans:
        schedule = build_schedule(
            principal=loan.principal,
            months=loan.tenor_months,
            jasa_percent_per_year=loan.jasa_percent_per_year,
            disbursed_on=loan.disbursed_on,
            multiple=loan.rounding_multiple,
        )
        behaviour = _behaviour(rng)
        posted = []
        for paid_on, amount, is_payoff in _payments(
            rng, schedule, behaviour, today, loan.denda_rule
        ):
            last = not is_payoff and amount is None
            if is_payoff or last:
                # The counter's quote: the payoff, or everything left on the last installment
                # (denda of late installments paid out of order adds up to a little more).
                position = replay(
                    schedule=schedule,
                    # In date order, as the services replay them (by paid_on, then as posted).
                    payments=[
                        Payment(i, *p)
                        for i, p in sorted(enumerate(posted), key=lambda e: (e[1][0], e[0]))
                    ],
                    denda_rule=loan.denda_rule,
                    payoff_rule=loan.early_payoff_rule,
                )
                amount = (
                    position.payoff_quote(paid_on)
                    if is_payoff
                    else position.total_outstanding(paid_on)
                )
                if not amount:
                    break
            if rng.random() < 0.01:  # posted by mistake, reversed the same day
                wrong = Repayment(
                    loan=loan,
                    amount=amount,
                    paid_on=paid_on,
                    channel="tunai",
                    client_token=uuid.UUID(int=rng.getrandbits(128)),
                    posted_by=staff,
                )
                repayments.append((loan, wrong, "mistake"))
            posted.append((paid_on, amount, is_payoff))
        loan.written_off_on = _write_off_day(schedule, posted, behaviour, today, loan)
        if loan.written_off_on is not None:
            posted += _recoveries(rng, schedule, posted, loan, today)
        for paid_on, amount, is_payoff in posted:
            repayment = Repayment(
                loan=loan,
                amount=amount,
                paid_on=paid_on,
                is_payoff=is_payoff,
                client_token=uuid.UUID(int=rng.getrandbits(128)),
                channel=rng.choice(["tunai", "tunai", "transfer", "pendamping"]),
                posted_by=staff,
            )
            repayments.append((loan, repayment, "ok"))
        finals.append((loan, schedule, posted, behaviour))
    _number_receipts(repayments)
    Repayment.objects.bulk_create([r for _loan, r, _kind in repayments], batch_size=2000)
    reversals = [
        Repayment(
            loan=loan,
            amount=-r.amount,
            paid_on=r.paid_on,
            receipt_no=r.receipt_no,
            channel=r.channel,
            client_token=uuid.UUID(int=rng.getrandbits(128)),
            reverses=r,
            reason="Salah input nama peminjam",
            posted_by=staff,
        )
        for loan, r, kind in repayments
        if kind == "mistake"
    ]
    Repayment.objects.bulk_create(reversals, batch_size=2000)
    by_loan: dict[int, list] = {}
    for loan, r, kind in repayments:
        by_loan.setdefault(loan.pk, []).append((r, kind))
    for loan, schedule, _posted, _kind in finals:
        entries.append(
            FundEntry(
                fund_id=loan.fund_id,
                kind=Kind.DISBURSEMENT,
                amount=loan.principal,
                entry_date=loan.disbursed_on,
                loan=loan,
                note=loan.number,
                created_by=staff,
            )
        )
        effective = sorted(
            (r for r, kind in by_loan.get(loan.pk, []) if kind == "ok"),
            key=lambda r: (r.paid_on, r.pk),
        )
        position = replay(
            schedule=schedule,
            payments=[Payment(r.pk, r.paid_on, r.amount, r.is_payoff) for r in effective],
            denda_rule=loan.denda_rule,
            payoff_rule=loan.early_payoff_rule,
            written_off_on=loan.written_off_on,
            recovery_rule=loan.product.fund.recovery_allocation,  # copied onto the loan below
        )
        for r, kind in by_loan.get(loan.pk, []):
            if kind == "mistake":  # its lines, then the lines that take them back
                _split_entries(entries, loan, r, _mistake_split(schedule, r), staff, sign=1)
                _split_entries(
                    entries,
                    loan,
                    r,
                    _mistake_split(schedule, r),
                    staff,
                    sign=-1,
                    note="Pembalikan: salah input",
                )
            else:
                _split_entries(entries, loan, r, position.splits[r.pk], staff)
        for row, state in zip(schedule, position.installments, strict=True):
            installments.append(
                Installment(
                    loan=loan,
                    number=row.number,
                    due_date=row.due_date,
                    principal=row.principal,
                    jasa=row.jasa,
                    **{name: getattr(state, name) for name in INSTALLMENT_PAID_FIELDS},
                )
            )
        if loan.written_off_on is not None:
            loan.status, loan.written_off_by = Loan.Status.WRITTEN_OFF, head
            loan.write_off_reason = "Macet lebih dari 240 hari, usaha tidak aktif"
            loan.write_off_decree_number = f"500/{loan.pk}/UPT-PDB/{loan.written_off_on:%Y}"
            loan.write_off_decree_date = loan.written_off_on
            loan.recovery_allocation = loan.product.fund.recovery_allocation
        set_totals_from(loan, position)  # the principal written off and recovered, too
        if loan.written_off_principal:
            entries.append(
                FundEntry(
                    fund_id=loan.fund_id,
                    kind=Kind.WRITE_OFF,
                    amount=loan.written_off_principal,
                    entry_date=loan.written_off_on,
                    loan=loan,
                    note=f"SK {loan.write_off_decree_number}: {loan.write_off_reason}",
                    created_by=head,
                )
            )
    Installment.objects.bulk_create(installments, batch_size=5000)
    FundEntry.objects.bulk_create(entries, batch_size=5000)
    Loan.objects.bulk_update(
        loans,
        [
            *LOAN_TOTAL_FIELDS,
            "written_off_on",
            "written_off_by",
            "write_off_reason",
            "write_off_decree_number",
            "write_off_decree_date",
            "recovery_allocation",
        ],
        batch_size=1000,
    )


def _number_receipts(repayments) -> None:
    """Each demo payment gets the next number of its fund's receipt series for the year of
    its date, in date order, as the desk gives them; the series then continue from there."""
    funds = Fund.objects.in_bulk()
    series = {(s.fund_id, s.year): s for s in ReceiptSeries.objects.all()}
    ordered = sorted(repayments, key=lambda item: (item[0].fund_id, item[1].paid_on))
    for loan, repayment, _kind in ordered:
        key = (loan.fund_id, repayment.paid_on.year)
        if key not in series:
            series[key] = ReceiptSeries.objects.create(fund_id=key[0], year=key[1])
        series[key].last_number += 1
        repayment.receipt_no = (
            f"{funds[key[0]].receipt_prefix}/{key[1]}/{series[key].last_number:06d}"
        )
    ReceiptSeries.objects.bulk_update(series.values(), ["last_number"])


def _write_off_day(schedule, posted, behaviour: str, today: date, loan) -> date | None:
    """A borrower who stopped paying is written off 240 days after the oldest installment
    left unpaid (well into collectibility 5), if that day has come."""
    if behaviour != "stops":
        return None
    position = replay(
        schedule=schedule,
        payments=[Payment(i, *p) for i, p in enumerate(sorted(posted, key=lambda p: p[0]))],
        denda_rule=loan.denda_rule,
        payoff_rule=loan.early_payoff_rule,
    )
    due = position.first_unsettled_due
    if due is None or (today - due).days <= 240:
        return None
    return due + timedelta(days=240)


def _recoveries(rng, schedule, posted, loan, today: date) -> list[tuple[date, int, bool]]:
    """Half the written-off borrowers pay something back later; some of them all of the
    principal written off (the loan is then "pulih")."""
    if rng.random() < 0.5:
        return []
    written_off = replay(
        schedule=schedule,
        payments=[Payment(i, *p) for i, p in enumerate(sorted(posted, key=lambda p: p[0]))],
        denda_rule=loan.denda_rule,
        payoff_rule=loan.early_payoff_rule,
    ).principal_outstanding
    owed = written_off if rng.random() < 0.4 else written_off * rng.randint(2, 6) // 10
    recoveries, day = [], loan.written_off_on
    for part in (owed // 2, owed - owed // 2):
        day += timedelta(days=rng.randint(30, 120))
        if part <= 0 or day > today:
            break
        recoveries.append((day, part, False))
    return recoveries


def _mistake_split(schedule, repayment):
    """A mistaken repayment's lines are posted as if it paid principal first; they are taken
    back in full, so the split does not matter to the books."""
    from .allocation import Split

    return Split(principal=repayment.amount)


def _split_entries(entries, loan, repayment, split, user, *, sign: int = 1, note: str = "") -> None:
    for kind, part in split_parts(split):
        if part:
            entries.append(
                FundEntry(
                    fund_id=loan.fund_id,
                    kind=kind,
                    amount=sign * part,
                    entry_date=repayment.paid_on,
                    loan=loan,
                    repayment=repayment,
                    note=note or f"Angsuran {repayment.receipt_no}",
                    created_by=user,
                )
            )
