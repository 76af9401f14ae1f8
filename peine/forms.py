from django import forms
from django.utils.translation import gettext_lazy as _


class AccessibilityFeedbackForm(forms.Form):
    """Feedback on barriers (§ 9b NBGG): reachable by everyone, signed in or not."""

    message = forms.CharField(
        label=_("What did not work for you?"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
    )
    page = forms.CharField(label=_("On which page?"), max_length=500, required=False)
    email = forms.EmailField(
        label=_("Your email address, if you would like an answer"), required=False
    )
