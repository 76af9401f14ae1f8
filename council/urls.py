from django.urls import path

from council import views

app_name = "council"


def _report(prefix: str, converter: str, name: str):
    view = getattr(views, name)
    return [
        path(f"{prefix}/<{converter}:subject>/", view, name=name),
        path(
            f"{prefix}/<{converter}:subject>/pdf/",
            getattr(views, f"{name}_pdf"),
            name=f"{name}_pdf",
        ),
        path(
            f"{prefix}/<{converter}:subject>/export/",
            getattr(views, f"{name}_csv"),
            name=f"{name}_csv",
        ),
    ]


urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("pdf/", views.dashboard_pdf, name="dashboard_pdf"),
    path("export/", views.dashboard_csv, name="dashboard_csv"),
    path("berichte/", views.report_index, name="report_index"),
    *_report("handlungsfelder", "slug", "sector_report"),
    *_report("ortschaften", "slug", "district_report"),
    *_report("beteiligung", "int", "round_report"),
    path("ausgaben/", views.edition_list, name="edition_list"),
    path("ausgaben/neu/", views.edition_create_view, name="edition_create"),
    path("ausgaben/<int:pk>/", views.edition_detail, name="edition_detail"),
    path("ausgaben/<int:pk>/pdf/", views.edition_pdf, name="edition_pdf"),
    path("ausgaben/<int:pk>/export/", views.edition_csv, name="edition_csv"),
]
