"""OParl 1.1 URLs: stable, lower case, one canonical form each (spec 2-03)."""

from django.urls import path, register_converter

from oparl import sources, views


class SourceConverter:
    regex = "|".join(sources.SOURCES)

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(SourceConverter, "oparl_source")

app_name = "oparl"

urlpatterns = [
    path("", views.system, name="system"),
    path("body/", views.body_list, name="body_list"),
    path("body/<slug:body>/", views.body, name="body"),
    path("body/<slug:body>/organization/", views.empty_list, name="body_organizations"),
    path("body/<slug:body>/person/", views.empty_list, name="body_persons"),
    path("body/<slug:body>/meeting/", views.empty_list, name="body_meetings"),
    path("body/<slug:body>/paper/", views.papers, name="body_papers"),
    path("paper/<oparl_source:source>/<int:pk>/", views.paper, name="paper"),
    path("file/<oparl_source:source>/<int:pk>/", views.file, name="file"),
    path("file/<oparl_source:source>/<int:pk>/pdf/", views.file_access, name="file_access"),
    path(
        "file/<oparl_source:source>/<int:pk>/download/",
        views.file_download,
        name="file_download",
    ),
    path("<path:rest>", views.not_found, name="not_found"),
]
