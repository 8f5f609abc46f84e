from .areas import Assignment, AssignmentQuerySet, Mentor, MentorKind
from .changes import DIRECT_FIELDS, IDENTITY_FIELDS, FieldChange
from .referrals import Referral
from .visits import Need, Purpose, Visit

__all__ = [
    "DIRECT_FIELDS",
    "IDENTITY_FIELDS",
    "Assignment",
    "AssignmentQuerySet",
    "FieldChange",
    "Mentor",
    "MentorKind",
    "Need",
    "Purpose",
    "Referral",
    "Visit",
]
