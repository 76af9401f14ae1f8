from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """Data protection across the apps: access and erasure requests, the notes read log,
    retention and the records of processing. The apps never import it: it registers its
    recorder of note readings in ``peine.lib.notes_read``."""

    name = "privacy"
    label = "privacy"
    verbose_name = _("Data protection")

    def ready(self):
        from peine.lib import notes_read
        from privacy.services import record_notes_read

        notes_read.register(record_notes_read)
