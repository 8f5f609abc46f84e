"""Who covers which kelurahan today: each kelurahan with its current pendamping ekonomi
and pendamping PDB (an assignment of the kelurahan or of its whole kecamatan), the gaps,
and the number of businesses per mentor. At most four queries, whatever the number of
mentors."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count

from registry.models import UMKM, Kelurahan

from ..models import Assignment, Mentor, MentorKind


@dataclass
class KelurahanCoverage:
    kelurahan: Kelurahan
    businesses: int
    ekonomi: list[Mentor] = field(default_factory=list)
    pdb: list[Mentor] = field(default_factory=list)


@dataclass
class MentorCoverage:
    mentor: Mentor
    areas: list[str] = field(default_factory=list)
    businesses: int = 0


@dataclass
class Coverage:
    kelurahan: list[KelurahanCoverage]
    mentors: list[MentorCoverage]

    @property
    def without_ekonomi(self) -> int:
        return sum(1 for row in self.kelurahan if not row.ekonomi)

    @property
    def without_pdb(self) -> int:
        return sum(1 for row in self.kelurahan if not row.pdb)


def coverage(
    on: date, kecamatan_id: int | None = None, *, with_businesses: bool = True
) -> Coverage:
    """Without businesses (the dashboards), the per-kelurahan count of the whole registry
    is skipped: at a million rows it costs more than everything else here."""
    kelurahan = Kelurahan.objects.select_related("kecamatan").order_by("kecamatan__name", "name")
    if kecamatan_id:
        kelurahan = kelurahan.filter(kecamatan_id=kecamatan_id)
    counts = (
        dict(
            UMKM.objects.values_list("kelurahan")
            .annotate(n=Count("id"))
            .values_list("kelurahan", "n")
        )
        if with_businesses
        else {}
    )
    rows = {k.pk: KelurahanCoverage(k, counts.get(k.pk, 0)) for k in kelurahan}
    by_kecamatan = defaultdict(list)
    for k in Kelurahan.objects.values_list("pk", "kecamatan_id"):
        by_kecamatan[k[1]].append(k[0])
    mentors: dict[int, MentorCoverage] = {}
    assignments = (
        Assignment.objects.current(on)
        .filter(mentor__active=True)
        .select_related("mentor__user", "kelurahan", "kecamatan")
        .order_by("mentor__kind", "mentor__user__first_name", "pk")
    )
    covered_by: dict[int, set[int]] = defaultdict(set)  # mentor -> kelurahan, once each
    for assignment in assignments:
        mentor = assignment.mentor
        covered = (
            [assignment.kelurahan_id]
            if assignment.kelurahan_id
            else by_kecamatan[assignment.kecamatan_id]
        )
        summary = mentors.setdefault(mentor.pk, MentorCoverage(mentor))
        summary.areas.append(
            assignment.kelurahan.name if assignment.kelurahan_id else f"Kec. {assignment.kecamatan}"
        )
        # Overlapping assignments (a kecamatan and one of its kelurahan) count an area once.
        for pk in set(covered) - covered_by[mentor.pk]:
            covered_by[mentor.pk].add(pk)
            summary.businesses += counts.get(pk, 0)
            if pk in rows:
                kind = "ekonomi" if mentor.kind == MentorKind.EKONOMI else "pdb"
                getattr(rows[pk], kind).append(mentor)
    return Coverage(list(rows.values()), list(mentors.values()))
