from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeasuresConfig(AppConfig):
    name = "measures"
    verbose_name = _("Measures")

    def ready(self):
        from measures.panels import stakeholder_measures
        from stakeholders.signals import stakeholder_detail_panels

        stakeholder_detail_panels.connect(stakeholder_measures, dispatch_uid="measures_panel")

        from analysis.signals import measures_acting_on_dynamics
        from measures.effects import acting_measures

        measures_acting_on_dynamics.connect(acting_measures, dispatch_uid="measures_acting")
