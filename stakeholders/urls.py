from django.urls import path

from stakeholders.views import contacts, imports, maps, relationships, stakeholders

app_name = "stakeholders"

urlpatterns = [
    path("", stakeholders.StakeholderListView.as_view(), name="list"),
    path("neu/", stakeholders.stakeholder_create_view, name="create"),
    path("auswahl/", stakeholders.stakeholder_picker, name="picker"),
    path("karte/", maps.stakeholder_map, name="map"),
    path("import/", imports.import_upload, name="import"),
    path("import/bestaetigen/", imports.import_confirm, name="import_confirm"),
    path("import/vorlage/", imports.import_template, name="import_template"),
    path("<int:pk>/", stakeholders.stakeholder_detail, name="detail"),
    path("<int:pk>/bearbeiten/", stakeholders.stakeholder_edit_view, name="edit"),
    path("<int:pk>/archivieren/", stakeholders.stakeholder_archive_view, name="archive"),
    path("<int:pk>/netzwerk/", maps.stakeholder_network, name="network"),
    path("<int:pk>/kontakte/neu/", contacts.contact_create_view, name="contact_create"),
    path(
        "<int:pk>/beziehungen/neu/",
        relationships.relationship_create_view,
        name="relationship_create",
    ),
    path("kontakte/<int:pk>/", contacts.contact_detail, name="contact_detail"),
    path("kontakte/<int:pk>/bearbeiten/", contacts.contact_edit_view, name="contact_edit"),
    path("kontakte/<int:pk>/widerrufen/", contacts.contact_withdraw_view, name="contact_withdraw"),
    path("kontakte/<int:pk>/loeschen/", contacts.contact_erase_view, name="contact_erase"),
    path(
        "beziehungen/<int:pk>/entfernen/",
        relationships.relationship_delete_view,
        name="relationship_delete",
    ),
]
