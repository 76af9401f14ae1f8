from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "consultations"
    verbose_name = _("Consultations")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from consultations.panels import stakeholder_interviews
        from consultations.views.mixins import forget_foreign_stashes
        from stakeholders.signals import stakeholder_detail_panels

        stakeholder_detail_panels.connect(
            stakeholder_interviews, dispatch_uid="consultations_stakeholder_interviews"
        )
        user_logged_in.connect(forget_foreign_stashes, dispatch_uid="consultations_stashes")
