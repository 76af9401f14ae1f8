"""Uploads stop taking up memory or disk once they pass the cap.

Django writes an upload to memory or a temporary file *before* any form sees it, so a
form's size check alone lets a 1 GB upload fill the disk first. ``CappedUploadHandler``
comes first in ``FILE_UPLOAD_HANDLERS``: it passes the first ``MAX_UPLOAD_BYTES`` on and
drops the rest, and hands the form an empty stand-in that only knows its real size, so
the form says "larger than 2 MB" next to the field.
"""

from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler

MAX_UPLOAD_BYTES = 2 * 1024 * 1024


class OversizedUpload(UploadedFile):
    """An upload that was too large: its name and size, no content."""

    def __init__(self, name: str, size: int, content_type: str | None):
        import io

        super().__init__(file=io.BytesIO(), name=name, content_type=content_type, size=size)


class CappedUploadHandler(FileUploadHandler):
    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > MAX_UPLOAD_BYTES:
            return None  # the handlers after this one get nothing more
        return raw_data

    def file_complete(self, file_size):
        if self.received > MAX_UPLOAD_BYTES:
            # The temporary file the next handler began is of no use: close (delete) it.
            for handler in self.request.upload_handlers if self.request else []:
                partial = getattr(handler, "file", None)
                if handler is not self and partial is not None:
                    partial.close()
            return OversizedUpload(self.file_name, self.received, self.content_type)
        return None  # the next handler (memory or temporary file) has the whole file
