"""The released versions of the map and of the comparisons: what the council reads."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from analysis import selectors
from analysis.models import Release
from analysis.views.influences import map_context
from analysis.views.review import comparison_context
from peine.roles import Capability, guard


@guard(Capability.READ_SUMMARIES)
@require_GET
def release_list(request):
    return render(request, "analysis/release_list.html", {"releases": selectors.releases()[:50]})


@guard(Capability.READ_SUMMARIES)
@require_GET
def release_detail(request, pk: int):
    release = get_object_or_404(Release, pk=pk)
    content = release.content if isinstance(release.content, dict) else {}
    if release.kind == Release.Kind.MAP:
        data = selectors.from_snapshot(content)
        context = map_context(
            data,
            title=release.title,
            description=_(
                "Released version: %(nodes)s dynamics and %(edges)s influences; solid arrows "
                "marked + strengthen, dashed arrows marked − weaken."
            )
            % {"nodes": len(data["nodes"]), "edges": len(data["edges"])},
        )
        context["release"] = release
        return render(request, "analysis/release_map.html", context)
    if release.kind != Release.Kind.COMPARISON:  # pragma: no cover - no other kind
        raise PermissionDenied
    comparison = {
        "earlier": {"title": content.get("earlier", "")},
        "later": {"title": content.get("later", "")},
        **{
            key: content.get(key, [])
            for key in ("by_dynamic", "by_sector", "by_district", "by_kind")
        },
    }
    return render(
        request,
        "analysis/release_comparison.html",
        {"release": release, "comparison": comparison, **comparison_context(comparison)},
    )
