"""A pendamping PDB's loan work on the phone: surveys and arrears of their own areas.
The loans are lending's; which of them a mentor may see is mentoring's (their areas)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from cilegon_umkm.accounts.roles import Section
from cilegon_umkm.kernel.access import section_required
from cilegon_umkm.kernel.pagination import page_of
from lending.errors import LendingError
from lending.forms import SurveyForm
from lending.selectors.collection import arrears_rows
from registry.permissions import can_view_phone

from ..errors import MentoringError
from ..selectors import arrears_of_areas, mentor_of, surveys_waiting
from ..services import survey_record

SURVEY = "lending.survey_application"


@section_required(Section.FIELD, SURVEY)
def survey_queue(request):
    page = page_of(request, surveys_waiting(request.user), 25)
    return render(request, "mentoring/survey_queue.html", {"page_obj": page})


@section_required(Section.FIELD, SURVEY)
def survey(request, pk: int):
    application = surveys_waiting(request.user).filter(pk=pk).first()
    if application is None:  # another area's, already surveyed, or made up: all look alike
        raise Http404
    form = SurveyForm(request.POST or None, initial={"surveyed_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            survey_record(application=application, surveyed_by=request.user, **form.cleaned_data)
        except (LendingError, MentoringError) as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Survey recorded; the application waits for the decision."))
            return redirect("mentoring:survey-queue")
    return render(request, "mentoring/survey_form.html", {"application": application, "form": form})


@section_required(Section.FIELD, SURVEY)
def arrears(request):
    """The loans made in the mentor's areas that are late, with what each owes."""
    today = timezone.localdate()
    page = page_of(request, arrears_of_areas(request.user), 25)
    show_phone = can_view_phone(request.user)
    return render(
        request,
        "mentoring/arrears_list.html",
        {
            "page_obj": page,
            "rows": arrears_rows(page, today, show_phone=show_phone),
            "show_phone": show_phone,
            "mentor": mentor_of(request.user),
            "today": today,
        },
    )
