"""A loan's or product's rules in words, as the product, loan and fund pages state them: the
office can change these settings, so each page says which apply."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from .allocation import DENDA_ON_OVERDUE, MONTHS_30_DAYS, MONTHS_STARTED, DendaRule


def _percent(value: Decimal) -> str:
    return f"{value.normalize():f}".replace(".", ",")


def denda_in_words(rule: DendaRule) -> str:
    """For example: "Denda 1% per month of the overdue amount of each installment, for each
    whole calendar month late, after 3 days' grace, at most 10% of the installment."""
    if not rule.percent_per_month:
        return _("No denda.")
    base = (
        _("of the overdue amount of each installment")
        if rule.base == DENDA_ON_OVERDUE
        else _("of the whole installment")
    )
    months = {
        MONTHS_STARTED: _("for each calendar month begun late"),
        MONTHS_30_DAYS: _("for each 30 days begun late"),
    }.get(rule.months, _("for each whole calendar month late"))
    parts = [
        _("Denda %(percent)s%% per month %(base)s, %(months)s")
        % {"percent": _percent(rule.percent_per_month), "base": base, "months": months}
    ]
    if rule.grace_days:
        parts.append(_("after %(days)s days' grace") % {"days": rule.grace_days})
    if rule.cap_percent is not None:
        parts.append(
            _("at most %(percent)s%% of the installment") % {"percent": _percent(rule.cap_percent)}
        )
    return ", ".join(parts) + "."
