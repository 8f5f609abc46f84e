from .areas import Assignment, AssignmentQuerySet, Mentor, MentorKind
from .referrals import Referral
from .visits import Need, Purpose, Visit

__all__ = [
    "Assignment",
    "AssignmentQuerySet",
    "Mentor",
    "MentorKind",
    "Need",
    "Purpose",
    "Referral",
    "Visit",
]
