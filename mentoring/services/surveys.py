"""A pendamping PDB's loan survey, recorded from the phone. The survey itself is lending's
(application_survey, with lending's four eyes); what mentoring adds is what only it knows:
a mentor never surveys a business they referred for a loan, however the application was
filed (at the desk, a referral leaves no trace on the application)."""

from datetime import date

from django.utils.translation import gettext as _

from cilegon_umkm.accounts.models import User
from lending.models import Application, Survey
from lending.services import application_survey

from ..errors import MentoringError
from ..models import Referral


def survey_record(
    *, application: Application, surveyed_by: User, surveyed_on: date, **findings: object
) -> Survey:
    referred = Referral.objects.filter(
        referred_by__user=surveyed_by, umkm_id=application.umkm_id, kind=Referral.Kind.LOAN
    ).exists()
    if referred:
        raise MentoringError(
            _("You referred this business, so another mentor must survey its application.")
        )
    return application_survey(
        application=application, surveyed_by=surveyed_by, surveyed_on=surveyed_on, **findings
    )
