import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from peine.lib.search import german_query
from peine.models import District, Sector
from peine.taxonomy_cache import cached_choices
from stakeholders.models import SEARCH_VECTOR, Stakeholder
from stakeholders.selectors import can_see_contacts, can_see_details, consent_exists, council_search


class StakeholderFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="search",
        widget=forms.TextInput(attrs={"type": "search"}),
        max_length=200,
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Stakeholder.Kind.choices, empty_label=_("all")
    )
    sector = django_filters.ModelChoiceFilter(
        label=_("Sector"),
        field_name="sectors",
        queryset=cached_choices(Sector.objects.only("id", "name")),
        empty_label=_("all"),
    )
    district = django_filters.ModelChoiceFilter(
        label=_("District"),
        field_name="districts",
        queryset=cached_choices(District.objects.only("id", "name")),
        empty_label=_("all"),
    )
    active = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[("1", _("active")), ("0", _("archived"))],
        method="filter_active",
        empty_label=_("all"),
    )
    has_consent = django_filters.ChoiceFilter(
        label=_("Contact person with consent"),
        choices=[("1", _("yes")), ("0", _("no"))],
        method="filter_consent",
        empty_label=_("all"),
    )

    class Meta:
        model = Stakeholder
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self.request, "user", None)
        if user is None or not can_see_contacts(user):
            # Whether someone gave consent is about persons: not for the council.
            del self.filters["has_consent"]

    def search(self, queryset, name, value):
        """German full text (stemmed, prefix) over name and description, or the typed
        text anywhere in the name (compound words: "Schule" in "Grundschule"). The council
        searches only what it may read (``council_search``).

        "Schule" finds "Schulen", "Moschee" finds "Moscheegemeinde", "Türk" finds "Türkisch".
        """
        user = getattr(self.request, "user", None)
        if user is None or not can_see_details(user):
            return council_search(queryset, value)
        query = german_query(value)
        if query is None:
            return queryset
        return queryset.alias(document=SEARCH_VECTOR).filter(
            Q(document=query) | Q(name__icontains=value.strip())
        )

    def filter_active(self, queryset, name, value):
        return queryset.filter(active=value == "1")

    def filter_consent(self, queryset, name, value):
        exists = consent_exists()
        return queryset.filter(exists if value == "1" else ~exists)
