from django.urls import path

from council import views

app_name = "council"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("pdf/", views.dashboard_pdf, name="dashboard_pdf"),
    path("export/", views.dashboard_csv, name="dashboard_csv"),
    path("berichte/", views.report_index, name="report_index"),
    path("handlungsfelder/<slug:subject>/", views.sector_report, name="sector_report"),
    path("handlungsfelder/<slug:subject>/pdf/", views.sector_report_pdf, name="sector_report_pdf"),
    path(
        "handlungsfelder/<slug:subject>/export/",
        views.sector_report_csv,
        name="sector_report_csv",
    ),
    path("ortschaften/<slug:subject>/", views.district_report, name="district_report"),
    path("ortschaften/<slug:subject>/pdf/", views.district_report_pdf, name="district_report_pdf"),
    path(
        "ortschaften/<slug:subject>/export/",
        views.district_report_csv,
        name="district_report_csv",
    ),
    path("beteiligung/<int:subject>/", views.round_report, name="round_report"),
    path("beteiligung/<int:subject>/pdf/", views.round_report_pdf, name="round_report_pdf"),
    path("beteiligung/<int:subject>/export/", views.round_report_csv, name="round_report_csv"),
    path("ausgaben/", views.edition_list, name="edition_list"),
    path("ausgaben/neu/", views.edition_create_view, name="edition_create"),
    path("ausgaben/<int:pk>/", views.edition_detail, name="edition_detail"),
    path("ausgaben/<int:pk>/pdf/", views.edition_pdf, name="edition_pdf"),
    path("ausgaben/<int:pk>/export/", views.edition_csv, name="edition_csv"),
]
