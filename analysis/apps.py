from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalysisConfig(AppConfig):
    name = "analysis"
    verbose_name = _("Analysis")

    def ready(self):
        from analysis.panels import option_analysis
        from peine.lib.panels import OPTION_DETAIL, register

        register(OPTION_DETAIL, option_analysis)
