"""What a visitor sees once they are locked out, and the lock per address.

django-axes locks one username from one address (AXES_FAILURE_LIMIT). Password spraying tries
one or two passwords on many usernames from one address, which that lock never sees: the
address itself is refused after LOGIN_FAILURES_PER_ADDRESS wrong passwords within the
cool-off time, whatever the usernames. The limit is higher, because one office's staff may
share one public address."""

from functools import wraps

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.shortcuts import render
from django.utils import timezone

from .client_address import client_address


def locked_out(request, credentials=None, *args, **kwargs):
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "registration/locked_out.html", {"cooloff_minutes": minutes}, status=429)


def address_locked_out(request) -> bool:
    """Too many wrong passwords from this visitor's address lately, across usernames."""
    address = client_address(request)
    if address is None:
        return False
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    failures = AccessAttempt.objects.filter(ip_address=address, attempt_time__gte=since).aggregate(
        n=Sum("failures_since_start")
    )["n"]
    return (failures or 0) >= settings.LOGIN_FAILURES_PER_ADDRESS


def refuse_locked_out_addresses(view):
    """A login view that answers a locked-out address as axes answers a locked-out user."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        if request.method == "POST" and address_locked_out(request):
            return locked_out(request)
        return view(request, *args, **kwargs)

    return guarded
