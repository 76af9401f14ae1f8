"""The change history of a record (who, when, what) from django-pghistory's events."""

from dataclasses import dataclass, field
from datetime import datetime

import pghistory.core
import pghistory.models
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import BooleanField, Q
from django.db.models.expressions import RawSQL

from peine.lib.pagination import section_page

# Fields that change on every save and say nothing to a reader.
IGNORED_FIELDS = {"updated_at", "version", "created_at"}

# A record edited for years has hundreds of events: a detail page shows the latest
# HISTORY_PER_PAGE and pages back through the older ones (``?history=2``).
HISTORY_PER_PAGE = 20
HISTORY_PARAM = "history"
HISTORY_ANCHOR = "change-history"


@dataclass
class Change:
    when: datetime
    who: str
    label: str  # insert / update / delete
    changes: dict[str, tuple]  # field verbose name -> (old, new)
    subject: str = ""  # for a related record: what it is ("Budgetposten 'EU AMIF'")
    reason: str = ""  # why, where the change was made with ``pghistory.context(reason=...)``
    model: str = ""  # the tracked model's label, e.g. "measures.Expenditure"
    data: dict = field(default_factory=dict)  # the record as the event stored it


def history_for(
    obj: models.Model,
    *,
    hidden_fields: set[str] = frozenset(),
    include_related: bool = False,
    also_referencing=(),
) -> list[Change]:
    """The events of ``obj``, newest first, with field names as people read them.

    Runs two queries: the events with their context, and the users named in them.
    ``hidden_fields`` leaves out fields the reader may not see (e.g. notes).
    ``include_related`` adds the events of tracked records that point to ``obj`` (a
    measure's budget lines, indicators, expenditures), each named by its ``subject``.
    ``also_referencing`` (records of one model, already loaded) adds the events of tracked
    records that point to them, e.g. the progress values of a measure's indicators: one
    more query.
    """
    manager = pghistory.models.Events.objects
    events = manager.references(obj) if include_related else manager.tracks(obj)
    events = list(events.order_by("-pgh_created_at", "-pgh_id"))
    return _changes(obj, events, hidden_fields=hidden_fields, also_referencing=also_referencing)


def history_page(
    request,
    obj: models.Model,
    *,
    hidden_fields: set[str] = frozenset(),
    include_related: bool = False,
    per_page: int = HISTORY_PER_PAGE,
):
    """One page of the history of ``obj`` (newest first), turned by ``?history=``.

    The database pages the events: updates that changed nothing a reader sees are left
    out there, so every page but the last has ``per_page`` entries. Three queries however
    many events there are: the (capped) count, the page's events, the users named in them.
    The page iterates over ``Change`` entries; ``includes/history.html`` shows its links.
    """
    manager = pghistory.models.Events.objects
    events = manager.references(obj) if include_related else manager.tracks(obj)
    events = events.exclude(_unchanged_update(IGNORED_FIELDS | set(hidden_fields)))
    events = events.order_by("-pgh_created_at", "-pgh_id", "-pgh_slug")
    page = section_page(request, events, per_page, HISTORY_PARAM, HISTORY_ANCHOR)
    page.object_list = _changes(obj, list(page.object_list), hidden_fields=hidden_fields)
    return page


def page_of_changes(request, changes: list, per_page: int = HISTORY_PER_PAGE):
    """One page (``?history=``) of a history already built as a list (e.g. a measure's,
    which merges the events of several kinds of records)."""
    return section_page(request, changes, per_page, HISTORY_PARAM, HISTORY_ANCHOR)


def _unchanged_update(skipped: set[str]) -> Q:
    """Updates whose diff names only ``skipped`` fields (or nothing): not worth a row."""
    nothing_else = RawSQL(
        "(COALESCE(pgh_diff, '{}'::jsonb) - %s::text[]) = '{}'::jsonb",
        (sorted(skipped),),
        output_field=BooleanField(),
    )
    return Q(pgh_label="update") & Q(nothing_else)


def _changes(obj, events, *, hidden_fields, also_referencing=()) -> list[Change]:
    manager = pghistory.models.Events.objects
    also_referencing = list(also_referencing)
    if also_referencing:
        label = f"{also_referencing[0]._meta.app_label}.{also_referencing[0]._meta.object_name}"
        seen = {event.pgh_slug for event in events}
        more = manager.references(also_referencing).order_by("-pgh_created_at", "-pgh_id")
        # Their own events are not wanted twice (nor, when tracked, as "references").
        events += [e for e in more if e.pgh_slug not in seen and e.pgh_obj_model != label]
        events.sort(key=lambda event: (event.pgh_created_at, event.pgh_id), reverse=True)
    user_ids = {(event.pgh_context or {}).get("user") for event in events} - {None}
    users = {user.pk: str(user) for user in get_user_model().objects.filter(pk__in=user_ids)}
    own_label = f"{obj._meta.app_label}.{obj._meta.object_name}"
    history = []
    for event in events:
        tracked = _tracked_model(event.pgh_obj_model)
        related = event.pgh_obj_model != own_label
        if related and tracked is None:
            continue
        names = _field_names(tracked or type(obj))
        context = event.pgh_context or {}
        user_id = context.get("user")
        diff = {
            names.get(field, field): tuple(values)
            for field, values in (event.pgh_diff or {}).items()
            if field not in IGNORED_FIELDS and field not in hidden_fields
        }
        if event.pgh_label == "update" and not diff:
            continue
        history.append(
            Change(
                when=event.pgh_created_at,
                who=users.get(user_id, "–"),
                label=event.pgh_label,
                changes=diff,
                subject=_subject(tracked, event.pgh_data) if related else "",
                reason=str(context.get("reason") or ""),
                model=event.pgh_obj_model,
                data=event.pgh_data or {},
            )
        )
    return history


def _tracked_model(label: str) -> type[models.Model] | None:
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def _field_names(model: type[models.Model]) -> dict[str, str]:
    return {field.attname: str(field.verbose_name) for field in model._meta.concrete_fields}


def _subject(model: type[models.Model], data: dict | None) -> str:
    """The related record as a reader knows it: its kind and, where it has one, its name."""
    data = data or {}
    name = data.get("name") or data.get("title") or data.get("description") or ""
    kind = str(model._meta.verbose_name)
    kind = kind[:1].upper() + kind[1:]
    return f"{kind} „{name}“" if name else kind


def erase_history(model: type[models.Model], pk) -> int:
    """Delete every history event of one record (GDPR Art. 17). Returns how many."""
    deleted = 0
    for event_model in pghistory.core.event_models(tracks_model=model):
        deleted += event_model.objects.filter(pgh_obj_id=pk).delete()[0]
    return deleted


def keep_only_deletion(model: type[models.Model], pk, *, blank: dict[str, object]) -> int:
    """After ``pk`` was deleted: drop its earlier events, keep the deletion (who, when).

    The deletion event copies the whole row; ``blank`` names the fields (with the empty
    value to store) that must not survive in it, e.g. an interview's notes. Returns how
    many events were deleted.
    """
    deleted = 0
    for event_model in pghistory.core.event_models(tracks_model=model):
        events = event_model.objects.filter(pgh_obj_id=pk)
        deleted += events.exclude(pgh_label="delete").delete()[0]
        if blank:
            events.filter(pgh_label="delete").update(**blank)
    return deleted
