from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilConfig(AppConfig):
    """What the council reads: the dashboard, the sector, district and round reports, their
    frozen editions and the figures cache. It reads the domain through the domain apps'
    selectors only.

    Its two models keep the app label ``peine`` (their tables, migrations and the
    ``peine.view_dashboard`` permission stay where existing databases have them).
    """

    name = "council"
    verbose_name = _("Council")
