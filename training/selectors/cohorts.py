"""A cohort's participants and each participant's path from start to certificate."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from ..models import Attendance, Cohort, Enrollment, ModuleResult, Session


@dataclass(frozen=True)
class ModuleStep:
    order: int
    name: str
    hours: int
    sessions: int
    attended: int
    score: int | None
    passed: bool | None  # None: no result yet
    pass_score: int | None = None  # None: the trainer's pass or fail decides


@dataclass(frozen=True)
class Path:
    enrollment: Enrollment
    steps: list[ModuleStep]
    attendance_percent: int
    threshold: int

    @property
    def modules_passed(self) -> int:
        return sum(1 for step in self.steps if step.passed)

    @property
    def complete(self) -> bool:
        """Every module passed, with the track's attendance threshold."""
        return (
            bool(self.steps)
            and all(step.passed for step in self.steps)
            and self.attendance_percent >= self.threshold
        )


def participant_path(enrollment: Enrollment) -> Path:
    """Four queries (with the enrolment's cohort and track already loaded): the modules, the
    cohort's sessions, this participant's attendance and results."""
    track = enrollment.cohort.track
    modules = list(track.modules.all())
    sessions = list(Session.objects.filter(cohort_id=enrollment.cohort_id))
    present = set(
        Attendance.objects.filter(enrollment=enrollment, present=True).values_list(
            "session_id", flat=True
        )
    )
    results = {r.module_id: r for r in ModuleResult.objects.filter(enrollment=enrollment)}
    steps = []
    for module in modules:
        held = [s for s in sessions if s.module_id == module.pk]
        result = results.get(module.pk)
        steps.append(
            ModuleStep(
                order=module.order,
                name=module.name,
                hours=module.hours,
                sessions=len(held),
                attended=sum(1 for s in held if s.pk in present),
                score=result.score if result else None,
                passed=result.passed if result else None,
                pass_score=module.pass_score,
            )
        )
    attended = sum(1 for s in sessions if s.pk in present)
    percent = round(100 * attended / len(sessions)) if sessions else 0
    return Path(enrollment, steps, percent, track.attendance_threshold)


def cohort_participants(cohort: Cohort) -> QuerySet[Enrollment]:
    """The cohort's enrolments with modules passed and sessions attended, counted by the
    database (subqueries, so the two counts do not multiply each other's rows)."""

    def counted(
        queryset: QuerySet[ModuleResult] | QuerySet[Attendance], field: str = "enrollment"
    ) -> Coalesce:
        return Coalesce(
            Subquery(
                queryset.filter(**{field: OuterRef("pk")})
                .order_by()
                .values(field)
                .annotate(n=Count("id"))
                .values("n"),
                output_field=IntegerField(),
            ),
            0,
        )

    return (
        cohort.enrollments.select_related("umkm__kelurahan", "certificate")
        .annotate(
            modules_passed=counted(ModuleResult.objects.filter(passed=True)),
            sessions_attended=counted(Attendance.objects.filter(present=True)),
        )
        .filter(state__in=[Enrollment.State.ENROLLED, Enrollment.State.WAITING])
        .order_by("created_at", "pk")
    )
