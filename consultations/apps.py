from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "consultations"
    verbose_name = _("Consultations")

    def ready(self):
        from consultations.panels import stakeholder_interviews
        from stakeholders.signals import stakeholder_detail_panels

        stakeholder_detail_panels.connect(stakeholder_interviews, dispatch_uid="interviews_panel")

        from django.contrib.auth.signals import user_logged_in

        from consultations.views.mixins import forget_foreign_stashes

        user_logged_in.connect(forget_foreign_stashes, dispatch_uid="consultations_stashes")
