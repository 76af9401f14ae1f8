from django.apps import AppConfig


class OparlConfig(AppConfig):
    """The council information system's interface (OParl 1.1): released summaries and
    report editions as papers and files, read through the council's and the domain's
    selectors. It has no models of its own."""

    name = "oparl"
    verbose_name = "OParl"
