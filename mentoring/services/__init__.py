"""Writes of the mentoring app. Every field submission carries an id made on the phone
(client_id), so a resent form or a retried request returns what the first one made."""

from .changes import field_change_accept, field_change_reject, field_correct, field_register
from .referrals import (
    referral_accept_loan,
    referral_accept_training,
    referral_decline,
    referral_make,
)
from .surveys import survey_record
from .visits import visit_record

__all__ = [
    "field_change_accept",
    "field_change_reject",
    "field_correct",
    "field_register",
    "referral_accept_loan",
    "referral_accept_training",
    "referral_decline",
    "referral_make",
    "survey_record",
    "visit_record",
]
