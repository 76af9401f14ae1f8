"""The reviewer's queue: the measures waiting for a decision."""

from django.views.generic import ListView

from measures import selectors
from peine.roles import Capability, GuardMixin


class ReviewQueueView(GuardMixin, ListView):
    capabilities = (Capability.REVIEW_MEASURES,)
    template_name = "measures/review_queue.html"
    paginate_by = 25
    context_object_name = "measures"

    def get_queryset(self):
        return selectors.review_queue()
