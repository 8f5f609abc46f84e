"""A mentor's field pages: their businesses, a business's story, the visit, referral,
registration and correction forms. Every page reaches a business through the mentor's
current areas (404 outside)."""

import uuid

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from cilegon_umkm.accounts.roles import Section
from cilegon_umkm.kernel.access import section_required
from cilegon_umkm.kernel.pagination import page_of
from cilegon_umkm.kernel.query import search_term
from registry.models import UMKM
from registry.timeline import timeline_for

from ..errors import MentoringError
from ..forms import FieldCorrectionForm, FieldRegistrationForm, ReferralForm, VisitForm
from ..selectors import current_kelurahan_ids, get_umkm_for_mentor, mentor_of, my_businesses
from ..services import field_correct, field_register, referral_make, visit_record


@section_required(Section.FIELD)
def businesses(request):
    term = search_term(request)
    page = page_of(request, my_businesses(request.user, term), 25)
    # Loans are the pendamping PDB's business; the ekonomi mentor sees visits and referrals.
    show_arrears = request.user.has_perm("lending.survey_application")
    return render(
        request,
        "mentoring/businesses.html",
        {"page_obj": page, "term": term, "show_arrears": show_arrears},
    )


@section_required(Section.FIELD)
def business(request, pk: int):
    umkm = get_umkm_for_mentor(request.user, pk)
    entries = timeline_for(umkm, request.user, limit=200)
    return render(request, "mentoring/business.html", {"umkm": umkm, "entries": entries})


def _field_form(request, pk: int, form_class, save, template: str, done: str, again: str):
    """The shape of both field forms: a business of my areas, a form with its client id,
    a service that recognises a resent form, back to the business with a message."""
    umkm = get_umkm_for_mentor(request.user, pk)
    mentor = mentor_of(request.user)
    if request.method == "POST":
        form = form_class(request.POST, request.FILES)
        if form.is_valid():
            try:
                _obj, created = save(mentor=mentor, umkm=umkm, **form.cleaned_data)
            except MentoringError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, done if created else again)
                # ?terkirim= tells the phone to forget the draft of this form.
                target = reverse("mentoring:business", args=[umkm.pk])
                return redirect(f"{target}?terkirim={form.cleaned_data['client_id']}")
    else:
        form = form_class.blank()
    return render(request, template, {"umkm": umkm, "form": form})


@section_required(Section.FIELD)
def visit_new(request, pk: int):
    return _field_form(
        request,
        pk,
        VisitForm,
        visit_record,
        "mentoring/visit_form.html",
        done=_("Visit recorded."),
        again=_("This visit was already recorded; nothing was added."),
    )


@section_required(Section.FIELD)
def referral_new(request, pk: int):
    return _field_form(
        request,
        pk,
        ReferralForm,
        referral_make,
        "mentoring/referral_form.html",
        done=_("Referral sent."),
        again=_("This referral was already sent; nothing was added."),
    )


@section_required(Section.FIELD)
def register(request):
    """A business met in the field that is not in the registry: registered now, checked
    by the office later."""
    mentor = mentor_of(request.user)
    areas = current_kelurahan_ids(mentor)
    if request.method == "POST":
        form = FieldRegistrationForm(request.POST, kelurahan_ids=areas)
        if form.is_valid():
            try:
                change, created = field_register(mentor=mentor, **form.cleaned_data)
            except MentoringError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    _("Business registered; the office will verify it.")
                    if created
                    else _("This registration was already sent; nothing was added."),
                )
                target = reverse("mentoring:business", args=[change.umkm_id])
                return redirect(f"{target}?terkirim={form.cleaned_data['client_id']}")
    else:
        form = FieldRegistrationForm.blank(kelurahan_ids=areas)
    return render(request, "mentoring/register_form.html", {"form": form})


@section_required(Section.FIELD)
def correct(request, pk: int):
    umkm = get_umkm_for_mentor(request.user, pk)
    if request.method == "POST":
        form = FieldCorrectionForm(request.POST, instance=UMKM.objects.get(pk=umkm.pk))
        if form.is_valid():
            try:
                change, changed = field_correct(
                    mentor=mentor_of(request.user), umkm=umkm, **form.cleaned_data
                )
            except MentoringError as error:
                form.add_error(None, str(error))
            else:
                if change is not None:
                    messages.success(
                        request, _("Saved; the name, NIK or NIB change waits for the office.")
                    )
                elif changed:
                    messages.success(request, _("Saved."))
                else:
                    messages.info(request, _("Nothing was changed."))
                target = reverse("mentoring:business", args=[umkm.pk])
                return redirect(f"{target}?terkirim={form.cleaned_data['client_id']}")
    else:
        form = FieldCorrectionForm(instance=umkm, initial={"client_id": uuid.uuid4()})
    return render(request, "mentoring/correct_form.html", {"umkm": umkm, "form": form})
