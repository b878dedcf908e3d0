"""The warning that the proxy count is wrong: every sign-in seems to come from one address."""

from __future__ import annotations

import ipaddress
from collections import Counter
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Tags, register
from django.core.checks import Warning as CheckWarning
from django.db import DatabaseError
from django.utils import timezone

from accounts.models import LoginAttempt
from accounts.services import CODE_KEY_PREFIX

#: The recent sign-in attempts looked at (the newest, within RECENT_DAYS).
RECENT_ATTEMPTS = 100
RECENT_DAYS = 7
#: Fewer attempts, or fewer usernames, than this tell nothing yet.
MIN_ATTEMPTS = 20
MIN_USERNAMES = 3
#: The share of those attempts one address must have.
MIN_SHARE = 0.9


def proxy_count_warning() -> str | None:
    """Why DJANGO_NUM_PROXIES looks wrong, or None.

    With no proxy counted, the throttle takes each request's own connection address as the
    client's. When at least MIN_SHARE of the recent sign-in attempts, for MIN_USERNAMES
    usernames or more, came from one private or loopback address, visitors on the internet
    are not connecting themselves: a proxy (or a NAT) in front is, and the throttle sees
    everyone as that one client. One indexed query over the newest attempts.

    The advice is conditional: counting a proxy that does not set X-Forwarded-For would
    let every client pick its own address, which is worse than the warning's problem.
    """
    if settings.STORYGEN_NUM_PROXIES > 0:
        return None
    recent = list(
        LoginAttempt.objects.filter(created_at__gte=timezone.now() - timedelta(days=RECENT_DAYS))
        .exclude(username__startswith=CODE_KEY_PREFIX)
        .order_by("-created_at")
        .values_list("ip_address", "username")[:RECENT_ATTEMPTS]
    )
    if len(recent) < MIN_ATTEMPTS:
        return None
    address, count = Counter(ip for ip, _ in recent).most_common(1)[0]
    if address is None or count < MIN_SHARE * len(recent):
        return None
    parsed = ipaddress.ip_address(address)
    if not (parsed.is_private or parsed.is_loopback):
        return None
    usernames = {username for ip, username in recent if ip == address}
    if len(usernames) < MIN_USERNAMES:
        return None
    kind = "loopback" if parsed.is_loopback else "private"
    return (
        f"{count} of the last {len(recent)} sign-in attempts, for {len(usernames)} "
        f"usernames, came from {address}, a {kind} address, and DJANGO_NUM_PROXIES is 0. "
        "People on the internet do not connect from such an address: a reverse proxy or "
        "load balancer in front does, and the sign-in throttle counts everyone as that one "
        f"client, so {settings.STORYGEN_LOGIN_MAX_FAILURES_PER_ADDRESS} wrong passwords from "
        "anyone refuse everyone for a while. Set DJANGO_NUM_PROXIES to the number of proxies "
        "in front (1 for one) only if each of them sets X-Forwarded-For, adding the address "
        "it was connected from. If the proxy does not, make it add that header first and keep "
        "DJANGO_NUM_PROXIES at 0 until then: with a proxy counted that does not add it, the "
        "X-Forwarded-For a client sends itself is believed, and anyone can choose the "
        "address the throttle counts."
    )


@register(Tags.security, deploy=True)
def proxy_count_check(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """``check --deploy``: the proxy count warning, as storygen.W001."""
    try:
        warning = proxy_count_warning()
    except DatabaseError:  # no database yet (or not reachable): no sign-ins to judge
        return []
    return [CheckWarning(warning, id="storygen.W001")] if warning else []
