"""Reads that mentoring's pages, services, reports and the dashboards share, one module per
concept; import them from here. Every read of a mentor's businesses goes through the areas
in force today (areas.py), so that a reassignment takes effect everywhere at once."""

from .areas import (
    current_kelurahan_ids,
    get_umkm_for_mentor,
    in_areas,
    mentor_of,
    umkm_for_mentor,
    user_areas,
)
from .coverage import Coverage, KelurahanCoverage, MentorCoverage, coverage
from .field import my_businesses
from .loans import arrears_of_areas, surveys_waiting
from .referrals import cohorts_to_join, referral_inbox, referrals_made_by
from .reports import MentorMonth, Month, activity
from .review import change_rows, changes_to_review

__all__ = [
    "Coverage",
    "KelurahanCoverage",
    "MentorCoverage",
    "MentorMonth",
    "Month",
    "activity",
    "arrears_of_areas",
    "change_rows",
    "changes_to_review",
    "cohorts_to_join",
    "coverage",
    "current_kelurahan_ids",
    "get_umkm_for_mentor",
    "in_areas",
    "mentor_of",
    "my_businesses",
    "referral_inbox",
    "referrals_made_by",
    "surveys_waiting",
    "umkm_for_mentor",
    "user_areas",
]
