"""Filters of the findings board and the search."""

import django_filters
from django.utils.translation import gettext_lazy as _

from consultations import selectors
from consultations.models import Finding
from peine.models import District, Sector
from peine.taxonomy_cache import cached_choices


class FindingFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Full-text search"), method="search", max_length=200)
    sector = django_filters.ModelChoiceFilter(
        label=_("sector"), queryset=cached_choices(Sector.objects.filter(active=True))
    )
    kind = django_filters.ChoiceFilter(label=_("kind"), choices=Finding.Kind.choices)
    district = django_filters.ModelChoiceFilter(
        label=_("district"), queryset=cached_choices(District.objects.filter(active=True))
    )

    class Meta:
        model = Finding
        fields = ["q", "sector", "kind", "district"]

    def search(self, queryset, name, value):
        if not value.strip():
            return queryset
        return selectors.search_findings(value, queryset)
