from django.urls import path

from measures import views

app_name = "measures"

urlpatterns = [
    path("", views.MeasureListView.as_view(), name="list"),
    path("pruefung/", views.ReviewQueueView.as_view(), name="queue"),
    path("neu/", views.measure_create, name="create"),
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
