"""The address of the client behind the request, as the audit trail and the lockout see it.

Behind reverse proxies the TCP peer (REMOTE_ADDR) is the nearest proxy, and the client is
in X-Forwarded-For, where each proxy appends the address it received the request from.
Only the entries that our own proxies appended can be trusted: anything to their left came
from the client and may be forged. So with TRUSTED_PROXIES = N the client is the Nth
entry from the right; with 0 (no proxy) the header is ignored entirely.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _address(value: str | None) -> str | None:
    try:
        return str(ipaddress.ip_address((value or "").strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str | None:
    """The client's address, or None when there is no valid one.

    A header with fewer than N entries, or whose Nth entry from the right is not an
    address, did not come through all the configured proxies (or was mangled): then the
    TCP peer is used, which cannot be forged, rather than anything from the header.
    """
    peer = _address(request.META.get("REMOTE_ADDR"))
    proxies = settings.TRUSTED_PROXIES
    if proxies <= 0:
        return peer
    entries = [e for e in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if e.strip()]
    if len(entries) < proxies:
        return peer
    return _address(entries[-proxies]) or peer
