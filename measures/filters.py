"""The filters of the measure list (django-filter); search uses PostgreSQL's German config."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from measures.models import SEARCH_VECTOR, Measure
from peine.lib.picker import PickerFilter
from peine.lib.search import full_text_filter
from peine.models import District, FundingSource, Sector, TargetGroup
from peine.roles import Capability, has_capability
from peine.taxonomy_cache import cached_choices
from stakeholders.selectors import STAKEHOLDER_PICKER

UNDER_REVIEW = Measure.PUBLIC_REVIEW_CODE  # the council's one status for the review stages


class MeasureFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="search",
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    status = django_filters.ChoiceFilter(
        label=_("status"),
        choices=Measure.Status.choices,
        empty_label=_("all"),
        method="filter_status",
    )
    sector = django_filters.ModelChoiceFilter(
        label=_("sector"),
        field_name="sectors",
        queryset=cached_choices(Sector.objects.all()),
        empty_label=_("all"),
    )
    district = django_filters.ModelChoiceFilter(
        label=_("district"),
        field_name="districts",
        queryset=cached_choices(District.objects.all()),
        empty_label=_("all"),
    )
    target_group = django_filters.ModelChoiceFilter(
        label=_("target group"),
        field_name="target_groups",
        queryset=cached_choices(TargetGroup.objects.all()),
        empty_label=_("all"),
    )
    funding_source = django_filters.ModelChoiceFilter(
        label=_("funding source"),
        field_name="budget_lines__funding_source",
        queryset=cached_choices(FundingSource.objects.all()),
        empty_label=_("all"),
    )
    # A picker, not a <select> of the whole register (100,000 options at scale).
    lead = PickerFilter(label=_("lead stakeholder"), source=STAKEHOLDER_PICKER)
    stakeholder = PickerFilter(
        label=_("stakeholder (lead or partner)"),
        source=STAKEHOLDER_PICKER,
        method="filter_stakeholder",
    )
    overdue = django_filters.BooleanFilter(
        label=_("overdue only"), method="filter_overdue", widget=forms.CheckboxInput
    )

    # Each single-value filter across a relation matches at most one row per measure
    # (the m2m tables and budget lines are unique per pair), so no DISTINCT is needed.

    class Meta:
        model = Measure
        fields = ["q", "status", "sector", "district", "target_group", "funding_source", "lead"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None and not has_capability(user, Capability.READ_INTERNAL):
            # The council sees the statuses of its one rule (COUNCIL_STATUSES) only.
            review = [s for s in Measure.COUNCIL_STATUSES if s in Measure.PUBLIC_STATUS]
            choices = [(UNDER_REVIEW, Measure.PUBLIC_STATUS[review[0]])] if review else []
            self.filters["status"].extra["choices"] = choices + [
                (status.value, status.label)
                for status in Measure.Status
                if status in Measure.COUNCIL_STATUSES and status not in review
            ]

    def search(self, queryset, name, value):
        """Every word must match, German stems as prefixes ("Sprachkurs" finds "Sprachkurse")."""
        return full_text_filter(queryset, SEARCH_VECTOR, value)

    def filter_status(self, queryset, name, value):
        if value == UNDER_REVIEW:
            return queryset.filter(status__in=list(Measure.PUBLIC_STATUS))
        return queryset.filter(status=value)

    def filter_stakeholder(self, queryset, name, value):
        """Led by or partnered with ``value``: two indexed lookups joined by UNION."""
        if not value:
            return queryset
        led = Measure.objects.filter(lead=value).values("pk")
        partnered = Measure.objects.filter(partners=value).values("pk")
        return queryset.filter(pk__in=led.union(partnered))

    def filter_overdue(self, queryset, name, value):
        return queryset.overdue() if value else queryset
