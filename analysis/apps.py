from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalysisConfig(AppConfig):
    name = "analysis"
    verbose_name = _("Analysis")

    def ready(self):
        from analysis.panels import option_analysis
        from consultations.signals import option_detail_panels

        option_detail_panels.connect(option_analysis, dispatch_uid="analysis_option_analysis")
