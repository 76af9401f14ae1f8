"""Keep personal data out of log lines.

Database errors quote the offending values ("Key (name)=(Ayşe Yılmaz) already exists"),
and a failing request's exception message may contain what somebody typed. The filter keeps
the exception's type and the traceback's code lines (Python logs no variables) but drops the
exception's message.
"""

import logging
import traceback


class RedactExceptionMessages(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[0] is not None:
            exc_type, _exc, tb = record.exc_info
            lines = traceback.format_tb(tb)
            record.exc_text = (
                "Traceback (most recent call last):\n"
                + "".join(lines)
                + f"{exc_type.__module__}.{exc_type.__qualname__}: [message redacted]"
            )
        return True
