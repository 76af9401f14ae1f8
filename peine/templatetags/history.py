"""``{% history_paged history as page %}``: the page of a change history to show.

Views give ``includes/history.html`` either a page (``peine.lib.history.history_page``,
paged by the database) or a whole list (``history_for``); a list is paged here, so a
record edited for years never puts hundreds of rows on its detail page.
"""

from django import template
from django.http import QueryDict

from peine.lib.history import page_of_changes

register = template.Library()


class _NoRequest:
    GET = QueryDict()


@register.simple_tag(takes_context=True)
def history_paged(context, history):
    if history is None or hasattr(history, "paginator"):
        return history
    return page_of_changes(context.get("request") or _NoRequest(), list(history))
