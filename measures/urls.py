from django.urls import path

from measures.views import effects, measures, progress, reviews

app_name = "measures"

urlpatterns = [
    path("", measures.MeasureListView.as_view(), name="list"),
    path("pruefung/", reviews.ReviewQueueView.as_view(), name="queue"),
    path("neu/", measures.measure_create, name="create"),
    path("handlungsoptionen/auswahl/", measures.option_picker, name="option_picker"),
    path(
        "neu/aus-handlungsoption/<int:option_pk>/",
        measures.measure_create_from_option,
        name="create_from_option",
    ),
    path("<int:pk>/", measures.measure_detail, name="detail"),
    path("<int:pk>/bearbeiten/", measures.measure_edit, name="edit"),
    path("<int:pk>/status/", measures.measure_transition, name="transition"),
    path("<int:pk>/indikatoren/neu/", progress.indicator_create, name="indicator_create"),
    path(
        "<int:pk>/indikatoren/<int:indicator_pk>/werte/neu/",
        progress.progress_create,
        name="progress_create",
    ),
    path("<int:pk>/ausgaben/neu/", progress.expenditure_create, name="expenditure_create"),
]

# Accompanied implementation: corrections by the reviewer, effects on dynamics.
urlpatterns += [
    path(
        "<int:pk>/werte/<int:entry_pk>/korrigieren/",
        progress.progress_correct,
        name="progress_correct",
    ),
    path(
        "<int:pk>/werte/<int:entry_pk>/entfernen/",
        progress.progress_remove,
        name="progress_remove",
    ),
    path(
        "<int:pk>/ausgaben/<int:expenditure_pk>/korrigieren/",
        progress.expenditure_correct,
        name="expenditure_correct",
    ),
    path(
        "<int:pk>/ausgaben/<int:expenditure_pk>/entfernen/",
        progress.expenditure_remove,
        name="expenditure_remove",
    ),
    path("<int:pk>/dynamiken/neu/", effects.effect_create, name="effect_create"),
    path(
        "<int:pk>/dynamiken/<int:effect_pk>/entfernen/",
        effects.effect_remove,
        name="effect_remove",
    ),
]
