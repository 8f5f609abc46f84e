from django.shortcuts import render
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from cilegon_umkm.accounts.roles import Section
from cilegon_umkm.kernel.access import SectionRequiredMixin, section_required

from .. import permissions
from ..filters import ApplicationFilter
from ..models import Application
from ..selectors import (
    active_funds_with_balances,
    application_queue_counts,
    applications_for_list,
    applications_in_progress,
    open_reversal_requests,
)
from ..tables import ApplicationTable


@section_required(Section.LENDING, "lending.view_loan")
def index(request):
    """UPT PDB's workspace: what waits for whom, and what the funds hold."""
    return render(
        request,
        "lending/index.html",
        {
            "counts": application_queue_counts(),
            "states": Application.State,
            "open_applications": applications_in_progress()[:30],
            "funds": active_funds_with_balances(),
            "can_submit": permissions.can_submit(request.user),
            "can_post": permissions.can_post_repayment(request.user),
            # Reversals that wait for the Kepala UPT (four eyes where money moves).
            "open_reversals": list(open_reversal_requests()[:20])
            if request.user.has_perm("lending.view_reversalrequest")
            else [],
        },
    )


class ApplicationListView(SectionRequiredMixin, SingleTableMixin, FilterView):
    section = Section.LENDING
    permissions = ("lending.view_application",)
    model = Application
    filterset_class = ApplicationFilter
    table_class = ApplicationTable
    template_name = "lending/application_list.html"

    def get_queryset(self):
        return applications_for_list()
