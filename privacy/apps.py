from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """Data protection across the apps: access and erasure requests, the notes read log,
    retention and the records of processing. The apps never import it: it receives
    ``consultations.signals.notes_read`` and records each reading."""

    name = "privacy"
    label = "privacy"
    verbose_name = _("Data protection")

    def ready(self):
        from consultations.signals import notes_read
        from privacy.services import record_notes_read

        notes_read.connect(record_notes_read, dispatch_uid="privacy_record_notes_read")
