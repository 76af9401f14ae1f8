"""The JSON of the analysis' search-as-you-type fields (at most 20 titles)."""

from analysis import selectors
from peine.lib.picker import search_view

dynamic_picker = search_view(selectors.DYNAMIC_PICKER)
round_picker = search_view(selectors.ROUND_PICKER)
