from django.urls import path

from analysis import views

app_name = "analysis"

urlpatterns = [
    path("", views.dynamic_list, name="dynamic_list"),
    path("dynamiken/neu/", views.dynamic_create, name="dynamic_create"),
    path("dynamiken/<int:pk>/", views.dynamic_detail, name="dynamic_detail"),
    path("dynamiken/<int:pk>/bearbeiten/", views.dynamic_update, name="dynamic_update"),
    path("dynamiken/<int:pk>/zuordnen/", views.dynamic_assign, name="dynamic_assign"),
    path("dynamiken/<int:pk>/entfernen/", views.dynamic_unassign, name="dynamic_unassign"),
    path("dynamiken/<int:pk>/verwerfen/", views.suggestion_dismiss, name="suggestion_dismiss"),
    path("dynamiken/<int:pk>/optionen/", views.option_link, name="option_link"),
    path(
        "dynamiken/<int:pk>/optionen/<int:link_pk>/loesen/",
        views.option_unlink,
        name="option_unlink",
    ),
    path("dynamiken/<int:pk>/akteure/", views.actor_set, name="actor_set"),
    path(
        "dynamiken/<int:pk>/akteure/<int:actor_pk>/entfernen/",
        views.actor_remove,
        name="actor_remove",
    ),
    path("einfluesse/neu/", views.influence_create, name="influence_create"),
    path("einfluesse/<int:pk>/bearbeiten/", views.influence_update, name="influence_update"),
    path("einfluesse/<int:pk>/loeschen/", views.influence_delete, name="influence_delete"),
    path("systemkarte/", views.system_map, name="map"),
    path("systemkarte/freigeben/", views.map_release, name="map_release"),
    path("workshops/", views.workshop_list, name="workshop_list"),
    path("workshops/neu/", views.workshop_create, name="workshop_create"),
    path("workshops/<int:pk>/", views.workshop_detail, name="workshop_detail"),
    path("workshops/<int:pk>/bearbeiten/", views.workshop_update, name="workshop_update"),
    path(
        "workshops/<int:pk>/teilnehmende/",
        views.workshop_participants,
        name="workshop_participants",
    ),
    path(
        "workshops/<int:pk>/teilnehmende/entfernen/",
        views.workshop_participant_remove,
        name="workshop_participant_remove",
    ),
    path("workshops/<int:pk>/optionen/", views.workshop_option, name="workshop_option"),
    path(
        "workshops/<int:pk>/optionen/<int:item_pk>/entfernen/",
        views.workshop_option_remove,
        name="workshop_option_remove",
    ),
    path("auswahl/dynamiken/", views.dynamic_picker, name="dynamic_picker"),
    path("auswahl/runden/", views.round_picker, name="round_picker"),
    path("rueckblick/", views.review, name="review"),
    path("rueckblick/freigeben/", views.review_release, name="review_release"),
    path("freigaben/", views.release_list, name="release_list"),
    path("freigaben/<int:pk>/", views.release_detail, name="release_detail"),
]
