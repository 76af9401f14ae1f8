from django.urls import path

from measures import views, views_corrections

app_name = "measures"

urlpatterns = [
    path("", views.MeasureListView.as_view(), name="list"),
    path("pruefung/", views.ReviewQueueView.as_view(), name="queue"),
    path("neu/", views.measure_create, name="create"),
    path("handlungsoptionen/auswahl/", views.option_picker, name="option_picker"),
    path(
        "neu/aus-handlungsoption/<int:option_pk>/",
        views.measure_create_from_option,
        name="create_from_option",
    ),
    path("<int:pk>/", views.measure_detail, name="detail"),
    path("<int:pk>/bearbeiten/", views.measure_edit, name="edit"),
    path("<int:pk>/status/", views.measure_transition, name="transition"),
    path("<int:pk>/indikatoren/neu/", views.indicator_create, name="indicator_create"),
    path(
        "<int:pk>/indikatoren/<int:indicator_pk>/werte/neu/",
        views.progress_create,
        name="progress_create",
    ),
    path("<int:pk>/ausgaben/neu/", views.expenditure_create, name="expenditure_create"),
]

# Accompanied implementation: corrections by the reviewer, effects on dynamics.
urlpatterns += [
    path(
        "<int:pk>/werte/<int:entry_pk>/korrigieren/",
        views_corrections.progress_correct,
        name="progress_correct",
    ),
    path(
        "<int:pk>/werte/<int:entry_pk>/entfernen/",
        views_corrections.progress_remove,
        name="progress_remove",
    ),
    path(
        "<int:pk>/ausgaben/<int:expenditure_pk>/korrigieren/",
        views_corrections.expenditure_correct,
        name="expenditure_correct",
    ),
    path(
        "<int:pk>/ausgaben/<int:expenditure_pk>/entfernen/",
        views_corrections.expenditure_remove,
        name="expenditure_remove",
    ),
    path("<int:pk>/dynamiken/neu/", views_corrections.effect_create, name="effect_create"),
    path(
        "<int:pk>/dynamiken/<int:effect_pk>/entfernen/",
        views_corrections.effect_remove,
        name="effect_remove",
    ),
]
