"""Counting requests per client address in the shared cache (a fixed window).

The address is the one allauth's rate limits use (``get_client_ip`` of the account
adapter), so ``ALLAUTH_TRUSTED_PROXY_COUNT`` decides for both which ``X-Forwarded-For``
entry is the client's: behind one reverse proxy it is 1, without a proxy 0.
"""

import time

from django.core.cache import cache


def client_ip(request) -> str:
    from allauth.account.adapter import get_adapter

    return get_adapter().get_client_ip(request)


def hit(request, *, action: str, limit: int, seconds: int) -> bool:
    """Count one use of ``action`` by this address; False once it exceeds ``limit``."""
    window = int(time.time() // seconds)
    key = f"peine:ratelimit:{action}:{client_ip(request)}:{window}"
    cache.add(key, 0, timeout=seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=seconds)
        count = 1
    return count <= limit
