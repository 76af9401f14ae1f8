from django.urls import path

from analysis.views import dynamics, influences, pickers, releases, review, workshops

app_name = "analysis"

urlpatterns = [
    path("", dynamics.dynamic_list, name="dynamic_list"),
    path("dynamiken/neu/", dynamics.dynamic_create, name="dynamic_create"),
    path("dynamiken/<int:pk>/", dynamics.dynamic_detail, name="dynamic_detail"),
    path("dynamiken/<int:pk>/bearbeiten/", dynamics.dynamic_update, name="dynamic_update"),
    path("dynamiken/<int:pk>/zuordnen/", dynamics.dynamic_assign, name="dynamic_assign"),
    path("dynamiken/<int:pk>/entfernen/", dynamics.dynamic_unassign, name="dynamic_unassign"),
    path("dynamiken/<int:pk>/verwerfen/", dynamics.suggestion_dismiss, name="suggestion_dismiss"),
    path("dynamiken/<int:pk>/optionen/", dynamics.option_link, name="option_link"),
    path(
        "dynamiken/<int:pk>/optionen/<int:link_pk>/loesen/",
        dynamics.option_unlink,
        name="option_unlink",
    ),
    path("dynamiken/<int:pk>/akteure/", dynamics.actor_set, name="actor_set"),
    path(
        "dynamiken/<int:pk>/akteure/<int:actor_pk>/entfernen/",
        dynamics.actor_remove,
        name="actor_remove",
    ),
    path("einfluesse/neu/", influences.influence_create, name="influence_create"),
    path("einfluesse/<int:pk>/bearbeiten/", influences.influence_update, name="influence_update"),
    path("einfluesse/<int:pk>/loeschen/", influences.influence_delete, name="influence_delete"),
    path("systemkarte/", influences.system_map, name="map"),
    path("systemkarte/freigeben/", influences.map_release, name="map_release"),
    path("workshops/", workshops.workshop_list, name="workshop_list"),
    path("workshops/neu/", workshops.workshop_create, name="workshop_create"),
    path("workshops/<int:pk>/", workshops.workshop_detail, name="workshop_detail"),
    path("workshops/<int:pk>/bearbeiten/", workshops.workshop_update, name="workshop_update"),
    path(
        "workshops/<int:pk>/teilnehmende/",
        workshops.workshop_participants,
        name="workshop_participants",
    ),
    path(
        "workshops/<int:pk>/teilnehmende/entfernen/",
        workshops.workshop_participant_remove,
        name="workshop_participant_remove",
    ),
    path("workshops/<int:pk>/optionen/", workshops.workshop_option, name="workshop_option"),
    path(
        "workshops/<int:pk>/optionen/<int:item_pk>/entfernen/",
        workshops.workshop_option_remove,
        name="workshop_option_remove",
    ),
    path("auswahl/dynamiken/", pickers.dynamic_picker, name="dynamic_picker"),
    path("auswahl/runden/", pickers.round_picker, name="round_picker"),
    path("rueckblick/", review.review, name="review"),
    path("rueckblick/freigeben/", review.review_release, name="review_release"),
    path("freigaben/", releases.release_list, name="release_list"),
    path("freigaben/<int:pk>/", releases.release_detail, name="release_detail"),
]
