from django.urls import path

from council import views
from council.views import K, ReportView

app_name = "council"

urlpatterns = [
    path("", ReportView.as_view(kind=K.DASHBOARD), name="dashboard"),
    path("pdf/", ReportView.as_view(kind=K.DASHBOARD, output="pdf"), name="dashboard_pdf"),
    path("export/", ReportView.as_view(kind=K.DASHBOARD, output="csv"), name="dashboard_csv"),
    path("berichte/", views.report_index, name="report_index"),
    path(
        "handlungsfelder/<slug:subject>/",
        ReportView.as_view(kind=K.SECTOR),
        name="sector_report",
    ),
    path(
        "handlungsfelder/<slug:subject>/pdf/",
        ReportView.as_view(kind=K.SECTOR, output="pdf"),
        name="sector_report_pdf",
    ),
    path(
        "handlungsfelder/<slug:subject>/export/",
        ReportView.as_view(kind=K.SECTOR, output="csv"),
        name="sector_report_csv",
    ),
    path(
        "ortschaften/<slug:subject>/",
        ReportView.as_view(kind=K.DISTRICT),
        name="district_report",
    ),
    path(
        "ortschaften/<slug:subject>/pdf/",
        ReportView.as_view(kind=K.DISTRICT, output="pdf"),
        name="district_report_pdf",
    ),
    path(
        "ortschaften/<slug:subject>/export/",
        ReportView.as_view(kind=K.DISTRICT, output="csv"),
        name="district_report_csv",
    ),
    path("beteiligung/<int:subject>/", ReportView.as_view(kind=K.ROUND), name="round_report"),
    path(
        "beteiligung/<int:subject>/pdf/",
        ReportView.as_view(kind=K.ROUND, output="pdf"),
        name="round_report_pdf",
    ),
    path(
        "beteiligung/<int:subject>/export/",
        ReportView.as_view(kind=K.ROUND, output="csv"),
        name="round_report_csv",
    ),
    path("ausgaben/", views.edition_list, name="edition_list"),
    path("ausgaben/neu/", views.edition_create_view, name="edition_create"),
    path("ausgaben/<int:pk>/", views.edition_detail, name="edition_detail"),
    path("ausgaben/<int:pk>/pdf/", views.edition_pdf, name="edition_pdf"),
    path("ausgaben/<int:pk>/export/", views.edition_csv, name="edition_csv"),
]
