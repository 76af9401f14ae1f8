from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.urls import include, path

from peine import display, views

# The Django admin signs in through allauth, so its rate limits cover it too.
admin.site.login = login_required(admin.site.login)
admin.site.site_header = "Integrationsportal Peine"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("barrierefreiheit/", views.accessibility, name="accessibility"),
    path("barrierefreiheit/feedback/", views.accessibility_feedback, name="accessibility_feedback"),
    path("datenschutz/", views.privacy, name="privacy"),
    path("datenschutz/anfragen/", include("privacy.urls")),
    path("impressum/", views.imprint, name="imprint"),
    path("darstellung/", display.display_settings, name="display_settings"),
    path("akteure/", include("stakeholders.urls")),
    path("beteiligung/", include("consultations.urls")),
    path("analyse/", include("analysis.urls")),
    path("massnahmen/", include("measures.urls")),
    path("rat/", include("council.urls")),
    path("oparl/v1.1/", include("oparl.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("konto/", include("allauth.urls")),
    path("verwaltung/", admin.site.urls),
]
