"""What later apps add to a stakeholder's page, without this app importing them.

Arrows point down (the layers contract in pyproject.toml): ``stakeholders`` knows nothing
of consultations or measures, yet a stakeholder's page shows its interviews and measures.
Those apps connect a receiver in their ``AppConfig.ready()``; the page sends the signal and
shows every answer that is not empty, in the order of ``INSTALLED_APPS``.
"""

from django.dispatch import Signal

# Sent by the stakeholder's page with ``request`` and ``stakeholder``. Each receiver
# answers the HTML of its panel, or "" when the person may not see it.
stakeholder_detail_panels = Signal()
