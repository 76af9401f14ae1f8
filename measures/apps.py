from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeasuresConfig(AppConfig):
    name = "measures"
    verbose_name = _("Measures")

    def ready(self):
        from measures.panels import stakeholder_measures
        from peine.lib.panels import STAKEHOLDER_DETAIL, register

        register(STAKEHOLDER_DETAIL, stakeholder_measures)

        from analysis.hooks import register_measure_provider
        from measures.effects import acting_measures

        register_measure_provider(acting_measures)
