"""The office's queue of what mentors sent from the field: new businesses to verify and
identity corrections to accept or reject."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from cilegon_umkm.accounts.roles import Section
from cilegon_umkm.kernel.access import section_required
from cilegon_umkm.kernel.pagination import page_of

from ..errors import MentoringError
from ..forms import ReviewDecisionForm
from ..models import FieldChange
from ..selectors import change_rows, changes_to_review
from ..services import field_change_accept, field_change_reject

REVIEW = "mentoring.review_fieldchange"


@section_required(Section.MENTORING, REVIEW)
def queue(request):
    page = page_of(request, changes_to_review(), 25)
    changes = [(change, change_rows(change)) for change in page]
    return render(request, "mentoring/review_queue.html", {"page_obj": page, "changes": changes})


@section_required(Section.MENTORING, REVIEW)
def decide(request, pk: int):
    change = get_object_or_404(FieldChange, pk=pk)
    if request.method != "POST":
        return redirect("mentoring:review")
    form = ReviewDecisionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect("mentoring:review")
    note = form.cleaned_data["note"]
    try:
        if form.cleaned_data["decision"] == ReviewDecisionForm.ACCEPT:
            field_change_accept(change=change, user=request.user, note=note)
            messages.success(request, _("Accepted and applied to the registry."))
        else:
            field_change_reject(change=change, user=request.user, note=note)
            messages.success(request, _("Rejected; nothing was changed."))
    except MentoringError as error:
        messages.error(request, str(error))
    return redirect("mentoring:review")
