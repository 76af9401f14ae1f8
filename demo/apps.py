from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Demo data for trying the portal (``load_demo_data``) and synthetic data at volume for
    the benchmark (``seed_demo``). No product app imports it."""

    name = "demo"
    verbose_name = _("Demo data")
