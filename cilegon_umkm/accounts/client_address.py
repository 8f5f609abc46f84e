"""The visitor's address, as login throttling counts it (django-axes' AXES_CLIENT_IP_CALLABLE).

Behind the office's reverse proxy every request comes from the proxy (REMOTE_ADDR), and the
visitor's address is the hop the proxy itself appended to X-Forwarded-For: with N trusted
proxies in front (TRUSTED_PROXY_COUNT), the N-th entry from the right. Entries further left
were written by the visitor and are not trusted: rotating them changes nothing. Without a
proxy (TRUSTED_PROXY_COUNT = 0) the address is REMOTE_ADDR.

(django-ipware's proxy_count counts the other way: with one proxy it takes the visitor's own
first entry, which the visitor can choose, and finds nothing when the header has only the
hop the proxy added.)"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str | None:
    remote = _address(request.META.get("REMOTE_ADDR", ""))
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    hops = [hop for hop in hops if hop]
    if len(hops) < proxies:
        # Not through the proxies as configured (a direct request, or a misconfiguration):
        # the address that connected is the only one known.
        return remote
    return _address(hops[-proxies]) or remote


def _address(text: str) -> str | None:
    """A valid IP address as text, or None (a forged header may hold anything)."""
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        return None
