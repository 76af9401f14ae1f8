"""What later apps add to the consultations' pages, or learn from them, without this app
importing them (arrows point down: the layers contract in pyproject.toml). Receivers are
connected in the apps' ``AppConfig.ready()``, so they run in the order of ``INSTALLED_APPS``.
"""

from django.dispatch import Signal

# Sent by an option's page with ``request`` and ``option``. Each receiver (the analysis:
# workshops and dynamics) answers the HTML of its panel, or "" when the person may not
# see it.
option_detail_panels = Signal()

# Sent wherever confidential notes are shown (the interview page, the Art. 15 export),
# with ``user``, ``interview_ids`` (a list, possibly empty) and ``channel`` ("page" or
# "export"). The privacy app records the reading.
notes_read = Signal()
