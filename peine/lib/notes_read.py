"""The hook through which a reading of confidential notes is recorded.

``consultations`` calls ``notes_read`` wherever it shows notes (the interview page for the
officer, exports with notes); ``privacy`` registers the recorder in its
``AppConfig.ready()``. So the apps never import the privacy package (DESIGN.md).
"""

from collections.abc import Callable, Iterable

Recorder = Callable[..., None]
_RECORDERS: list[Recorder] = []


def register(recorder: Recorder) -> None:
    if recorder not in _RECORDERS:
        _RECORDERS.append(recorder)


def notes_read(*, user, interview_ids: Iterable[int], channel: str) -> None:
    """Records that ``user`` opened the notes of ``interview_ids`` (channel: page/export)."""
    ids = list(interview_ids)
    if not ids:
        return
    for recorder in _RECORDERS:
        recorder(user=user, interview_ids=ids, channel=channel)
