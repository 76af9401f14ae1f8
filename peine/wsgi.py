import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peine.settings")
application = get_wsgi_application()

if settings.PDF_WARM_UP:
    from peine.lib.pdf import warm_up

    warm_up()
