"""One caching policy (peine.lib.caching): the middleware sends no-store, no view does.

That a signed-in page with notes still carries no-store is checked where the notes are
(tests/consultations/test_confidentiality.py, ``test_officer_reads_the_notes_and_who_was_
present``) and for every page of the permission matrix (tests/peine/test_hardening.py).
"""

import pytest
from django.urls import get_resolver, reverse
from django.views.decorators import cache

from peine.lib.caching import NO_STORE_URL_NAMES
from tests.conftest import client_for
from tests.peine.test_guard import _patterns

# Views of Django's admin and of allauth bring their own never_cache; they are not ours.
THIRD_PARTY_MODULES = ("django.", "allauth.")
THIRD_PARTY_NAMESPACES = ("admin",)


def _is_never_cache(function) -> bool:
    code = getattr(function, "__code__", None)
    return function is cache.never_cache or (
        code is not None
        and code.co_filename == cache.__file__
        and code.co_qualname.startswith("never_cache.")
    )


def _wrapped_in_never_cache(callback) -> bool:
    """Whether ``never_cache`` wraps the view anywhere: as a decorator of the function (its
    ``__wrapped__`` chain) or, through ``method_decorator``, of a class-based view's method
    (the decorators sit in the wrapper's closure)."""
    todo = [callback]
    view_class = getattr(callback, "view_class", None)
    if view_class is not None:
        todo += [
            attribute
            for klass in view_class.__mro__
            for attribute in vars(klass).values()
            if callable(attribute)
        ]
    seen = set()
    while todo:
        function = todo.pop()
        if id(function) in seen:
            continue
        seen.add(id(function))
        if _is_never_cache(function):
            return True
        if (wrapped := getattr(function, "__wrapped__", None)) is not None:
            todo.append(wrapped)
        for cell in getattr(function, "__closure__", None) or ():
            try:
                value = cell.cell_contents
            except ValueError:  # a cell not filled yet
                continue
            values = value if isinstance(value, list | tuple) else [value]
            todo += [item for item in values if callable(item)]
    return False


def _ours(namespace: str, callback) -> bool:
    module = getattr(callback, "view_class", callback).__module__
    return not module.startswith(THIRD_PARTY_MODULES) and (
        namespace.split(":")[0] not in THIRD_PARTY_NAMESPACES
    )


def test_no_view_of_ours_is_wrapped_in_never_cache():
    patterns = [
        (namespace, pattern)
        for namespace, pattern in _patterns(get_resolver().url_patterns)
        if _ours(namespace, pattern.callback)
    ]
    assert len(patterns) > 100
    wrapped = [
        f"{namespace}{pattern.name or pattern.pattern}"
        for namespace, pattern in patterns
        if _wrapped_in_never_cache(pattern.callback)
    ]
    assert wrapped == [], "no-store comes from NoStoreForSignedInMiddleware, not never_cache"


def test_the_walk_finds_never_cache_on_a_function_and_on_a_class():
    from django.utils.decorators import method_decorator
    from django.views import View

    from peine.roles import guard

    @guard()
    @cache.never_cache
    def view(request):
        raise AssertionError

    @method_decorator(cache.never_cache, name="dispatch")
    class Page(View):
        pass

    assert _wrapped_in_never_cache(view)
    assert _wrapped_in_never_cache(Page.as_view())
    assert not _wrapped_in_never_cache(View.as_view())


@pytest.mark.django_db
def test_the_health_check_is_no_store_even_for_a_visitor():
    assert "healthz" in NO_STORE_URL_NAMES
    response = client_for(None).get(reverse("healthz"))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_every_name_the_policy_lists_is_a_url():
    for name in NO_STORE_URL_NAMES:
        reverse(name)
