"""The change history of a record (who, when, what) from django-pghistory's events."""

from dataclasses import dataclass
from datetime import datetime

import pghistory.core
import pghistory.models
from django.contrib.auth import get_user_model
from django.db import models

# Fields that change on every save and say nothing to a reader.
IGNORED_FIELDS = {"updated_at", "version", "created_at"}


@dataclass
class Change:
    when: datetime
    who: str
    label: str  # insert / update / delete
    changes: dict[str, tuple]  # field verbose name -> (old, new)


def history_for(obj: models.Model, *, hidden_fields: set[str] = frozenset()) -> list[Change]:
    """The events of ``obj``, newest first, with field names as people read them.

    Runs two queries: the events with their context, and the users named in them.
    ``hidden_fields`` leaves out fields the reader may not see (e.g. notes).
    """
    events = list(
        pghistory.models.Events.objects.tracks(obj).order_by("-pgh_created_at", "-pgh_id")
    )
    user_ids = {(event.pgh_context or {}).get("user") for event in events} - {None}
    users = {user.pk: str(user) for user in get_user_model().objects.filter(pk__in=user_ids)}
    names = {field.attname: str(field.verbose_name) for field in obj._meta.concrete_fields}
    history = []
    for event in events:
        user_id = (event.pgh_context or {}).get("user")
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
            )
        )
    return history


def erase_history(model: type[models.Model], pk) -> int:
    """Delete every history event of one record (GDPR Art. 17). Returns how many."""
    deleted = 0
    for event_model in pghistory.core.event_models(tracks_model=model):
        deleted += event_model.objects.filter(pgh_obj_id=pk).delete()[0]
    return deleted
