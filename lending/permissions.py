"""Who may do what in lending, asked the same way by views, templates and tests."""

from django.http import Http404

from cilegon_umkm.accounts.roles import Section

from .models import Application


def can_read_lending(user) -> bool:
    return user.has_perm(Section.LENDING.permission) and user.has_perm("lending.view_loan")


def can_submit(user) -> bool:
    return user.has_perm("lending.add_application")


def can_decide(user) -> bool:
    return user.has_perm("lending.decide_application")


def can_disburse(user) -> bool:
    return user.has_perm("lending.disburse_loan")


def can_post_repayment(user) -> bool:
    return user.has_perm("lending.post_repayment")


def can_reverse(user) -> bool:
    return user.has_perm("lending.reverse_repayment")


def can_approve_reversal(user) -> bool:
    return user.has_perm("lending.approve_reversal")


def may_disburse(user, application: Application) -> bool:
    """Four eyes: who approved an application does not disburse it."""
    return can_disburse(user) and user.pk != application.decided_by_id


def may_override_write_off(user, application: Application) -> bool:
    """The Kepala UPT (who decides applications) lets an owner with a loss borrow again."""
    return (
        can_decide(user)
        and application.state in Application.OPEN_STATES
        and not application.write_off_override_at
    )


def can_write_off(user) -> bool:
    return user.has_perm("lending.write_off_loan")


def can_add_capital(user) -> bool:
    return user.has_perm("lending.add_fundentry")


def get_application_for_user(user, pk: int) -> Application:
    """Office roles see every application; anyone else gets a 404, not a hint that it
    exists. (A pendamping PDB surveys through the field pages, scoped to their areas.)"""
    application = (
        Application.objects.select_related(
            "umkm__kelurahan__kecamatan",
            "product",
            "created_by",
            "decided_by",
            "referred_by",
            "write_off_override_by",
        )
        .filter(pk=pk)
        .first()
    )
    if application is None:
        raise Http404
    if can_read_lending(user):
        return application
    raise Http404
