"""What the measures' views share: the statuses that take progress, the measure looked up."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from measures.models import Measure

# Progress and spending are recorded once a measure is approved.
PROGRESS_STATUSES = {
    Measure.Status.APPROVED,
    Measure.Status.IN_PROGRESS,
    Measure.Status.PAUSED,
    Measure.Status.COMPLETED,
}


def visible_measure(request, pk: int, *, statuses=None) -> Measure:
    """The measure ``pk`` if the person may see it (else 404), in one of ``statuses``
    (else 403) when given."""
    measure = get_object_or_404(Measure.objects.visible_to(request.user), pk=pk)
    if statuses is not None and measure.status not in statuses:
        raise PermissionDenied(_("Progress is recorded once a measure is approved."))
    return measure
