from django.urls import path

from privacy import views

app_name = "privacy"

urlpatterns = [
    path("", views.index, name="index"),
    path("auskunft/", views.access, name="access"),
    path("auskunft/export/", views.access_export, name="access_export"),
    path("loeschung/", views.erase, name="erase"),
]

urlpatterns += [
    path("lesezugriffe/", views.read_log, name="read_log"),
]

urlpatterns += [
    path("fristen/", views.retention_due, name="retention"),
]

urlpatterns += [
    path("verzeichnis/", views.records, name="records"),
]
