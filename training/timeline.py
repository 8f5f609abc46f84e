"""Training's part of a business's timeline (registered with the registry in apps.py):
enrolments in cohorts. The certificate itself shows through the registry's certifications."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from registry.timeline import TimelineEntry

from .models import Enrollment


def enrollments(umkm, user) -> Iterable[TimelineEntry]:
    rows = Enrollment.objects.filter(umkm=umkm).select_related("cohort__track", "enrolled_by")
    for enrollment in rows:
        yield TimelineEntry(
            enrollment.created_at,
            _("Training %(track)s: %(state)s")
            % {"track": enrollment.cohort.name, "state": enrollment.get_state_display()},
            f"{date_format(enrollment.cohort.starts_on)} s.d. "
            f"{date_format(enrollment.cohort.ends_on)}, {enrollment.cohort.venue}",
            enrollment.enrolled_by.display_name,
            "mortarboard",
        )
