"""A pendamping PDB's loan work on the phone: surveys and arrears of their own areas.
The loans are lending's; which of them a mentor may see is mentoring's (their areas)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from cilegon_umkm.accounts.roles import Section
from cilegon_umkm.kernel.access import section_required
from lending.forms import SurveyForm
from lending.models import Application, Loan
from lending.selectors import loans_for_list, with_arrears
from lending.services import LendingError, application_survey

from ..selectors import in_areas, user_areas

SURVEY = "lending.survey_application"


def surveys_waiting(user):
    """Applications of the mentor's areas waiting for a survey, oldest first."""
    areas = user_areas(user)
    return (
        Application.objects.filter(in_areas(areas, via="umkm__"), state=Application.State.SUBMITTED)
        .select_related("umkm__kelurahan__kecamatan", "product")
        .order_by("created_at", "pk")
    )


def arrears_of_areas(user):
    """Running loans of the mentor's areas that are late today, most overdue first."""
    areas = user_areas(user)
    loans = loans_for_list().filter(in_areas(areas, via="umkm__"), status=Loan.Status.ACTIVE)
    return (
        with_arrears(loans, timezone.localdate())
        .filter(days_past_due__gt=0)
        .order_by("-days_past_due", "number")
    )


@section_required(Section.FIELD, SURVEY)
def survey_queue(request):
    page = Paginator(surveys_waiting(request.user), 25).get_page(request.GET.get("page"))
    return render(request, "mentoring/survey_queue.html", {"page_obj": page})


@section_required(Section.FIELD, SURVEY)
def survey(request, pk: int):
    application = surveys_waiting(request.user).filter(pk=pk).first()
    if application is None:  # another area's, already surveyed, or made up: all look alike
        raise Http404
    form = SurveyForm(request.POST or None, initial={"surveyed_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            application_survey(
                application=application, surveyed_by=request.user, **form.cleaned_data
            )
        except LendingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Survey recorded; the application waits for the decision."))
            return redirect("mentoring:survey-queue")
    return render(request, "mentoring/survey_form.html", {"application": application, "form": form})


@section_required(Section.FIELD, SURVEY)
def arrears(request):
    page = Paginator(arrears_of_areas(request.user), 25).get_page(request.GET.get("page"))
    return render(request, "mentoring/arrears_list.html", {"page_obj": page})
