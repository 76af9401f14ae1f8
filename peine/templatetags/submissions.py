"""``{% submission_token %}``: the one-time token of a create form (peine/lib/submissions.py)."""

from django import template
from django.utils.html import format_html

from peine.lib.submissions import FIELD, new_token

register = template.Library()


@register.simple_tag
def submission_token() -> str:
    """A hidden field with a fresh token; put it next to ``{% csrf_token %}``."""
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, new_token())
