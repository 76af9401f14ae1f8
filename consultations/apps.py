from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "consultations"
    verbose_name = _("Consultations")

    def ready(self):
        from consultations.panels import stakeholder_interviews
        from peine.lib.panels import STAKEHOLDER_DETAIL, register

        register(STAKEHOLDER_DETAIL, stakeholder_interviews)

        from django.contrib.auth.signals import user_logged_in

        from consultations.views.mixins import forget_foreign_stashes

        user_logged_in.connect(forget_foreign_stashes, dispatch_uid="consultations_stashes")
