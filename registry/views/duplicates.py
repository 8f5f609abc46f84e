from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cilegon_umkm.accounts.roles import Section
from cilegon_umkm.kernel.access import section_required
from cilegon_umkm.kernel.pagination import page_of

from .. import permissions
from ..errors import MergeError
from ..forms import MergeChoiceForm
from ..selectors import open_duplicates
from ..services import duplicate_dismiss, duplicates_refresh, umkm_merge

MERGE_UMKM = "registry.merge_umkm"


@section_required(Section.REGISTRY, MERGE_UMKM)
def duplicate_list(request):
    page = page_of(request, open_duplicates(), 20)
    return render(
        request,
        "registry/duplicate_list.html",
        {"page_obj": page, "can_view_phone": permissions.can_view_phone(request.user)},
    )


@require_POST
@section_required(Section.REGISTRY, MERGE_UMKM)
def duplicate_refresh(request):
    outcome = duplicates_refresh()
    messages.success(
        request,
        _("Checked again: %(found)s possible duplicates, %(new)s of them new.")
        % {"found": outcome.found, "new": outcome.new},
    )
    return redirect("registry:duplicates")


@require_POST
@section_required(Section.REGISTRY, MERGE_UMKM)
def duplicate_merge(request, pk: int):
    candidate = get_object_or_404(open_duplicates(), pk=pk)
    form = MergeChoiceForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(m for errors in form.errors.values() for m in errors))
        return redirect("registry:duplicates")
    keep_first = form.cleaned_data["keep"] == MergeChoiceForm.FIRST
    survivor, duplicate = (
        (candidate.first, candidate.second) if keep_first else (candidate.second, candidate.first)
    )
    try:
        umkm_merge(
            survivor=survivor,
            duplicate=duplicate,
            user=request.user,
            same_owner_confirmed=form.cleaned_data["same_owner"],
            reason=form.cleaned_data["reason"],
        )
    except MergeError as error:
        messages.error(request, str(error))
        return redirect("registry:duplicates")
    messages.success(
        request,
        _("Merged: %(duplicate)s is now part of %(survivor)s.")
        % {"duplicate": duplicate.name, "survivor": survivor.name},
    )
    return redirect(survivor)


@require_POST
@section_required(Section.REGISTRY, MERGE_UMKM)
def duplicate_dismiss_view(request, pk: int):
    candidate = get_object_or_404(open_duplicates(), pk=pk)
    duplicate_dismiss(candidate=candidate, user=request.user)
    messages.info(request, _("Marked as two different businesses; it will not be proposed again."))
    return redirect("registry:duplicates")
