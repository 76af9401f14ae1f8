"""OParl 1.1 objects as dicts (the schema files of the specification define the fields)."""

from datetime import datetime

from django.urls import reverse
from django.utils import timezone

from oparl import files, sources

SCHEMA = "https://schema.oparl.org/1.1/"
BODY_ID = "peine"

# The published data is German whatever language the request asks for: it is what the
# city publishes, not the portal's interface.
BODY = {
    "name": "Stadt Peine",
    "shortName": "Peine",
    "website": "https://www.peine.de/",
    "ags": "03157006",
    "classification": "Stadt",
}
SYSTEM_NAME = "Integrationsportal Peine: freigegebene Berichte an den Rat"
PAPER_TYPES = {
    sources.EDITION: "Bericht an den Rat (eingefrorene Ausgabe)",
    sources.SUMMARY: "Zusammenfassung einer Beteiligungsrunde",
}


def stamp(value: datetime) -> str:
    """OParl date-time: yyyy-mm-ddThh:mm:ss±hh:mm, local time of the city."""
    return timezone.localtime(value).replace(microsecond=0).isoformat()


class Serializer:
    def __init__(self, request):
        self.request = request

    def url(self, name: str, **kwargs) -> str:
        return self.request.build_absolute_uri(reverse(f"oparl:{name}", kwargs=kwargs))

    # --- system and body -----------------------------------------------------------------

    def system(self) -> dict:
        return {
            "id": self.url("system"),
            "type": SCHEMA + "System",
            "oparlVersion": SCHEMA,
            "body": self.url("body_list"),
            "name": SYSTEM_NAME,
            "website": self.request.build_absolute_uri("/"),
        }

    def body(self) -> dict:
        return {
            "id": self.url("body", body=BODY_ID),
            "type": SCHEMA + "Body",
            "system": self.url("system"),
            **BODY,
            "organization": self.url("body_organizations", body=BODY_ID),
            "person": self.url("body_persons", body=BODY_ID),
            "meeting": self.url("body_meetings", body=BODY_ID),
            "paper": self.url("body_papers", body=BODY_ID),
            # Mandatory: an empty list, the portal keeps no legislative terms.
            "legislativeTerm": [],
        }

    # --- papers and files ----------------------------------------------------------------

    def _stamps(self, record) -> dict:
        return {"created": stamp(record.created), "modified": stamp(record.modified)}

    def paper(self, source: str, record) -> dict:
        head = {"id": self.url("paper", source=source, pk=record.pk), "type": SCHEMA + "Paper"}
        if record.superseded_at is not None:
            return {**head, **self._stamps(record), "deleted": True}
        if source == sources.EDITION:
            name, reference, date = (
                record.title,
                f"Ausgabe {record.pk}",
                record.meeting_date,
            )
        else:
            name = sources.summary_title(record)
            reference = f"Beteiligungsrunde {record.round_id}, Version {record.version}"
            date = record.released_on
        return {
            **head,
            "body": self.url("body", body=BODY_ID),
            "name": name,
            "reference": reference,
            "date": date.isoformat(),
            "paperType": PAPER_TYPES[source],
            "mainFile": self.file(source, record),
            **self._stamps(record),
        }

    def file(self, source: str, record) -> dict:
        head = {
            "id": self.url("file", source=source, pk=record.pk),
            "type": SCHEMA + "File",
            # Mandatory even for a deleted file; it answers 410 Gone then.
            "accessUrl": self.url("file_access", source=source, pk=record.pk),
        }
        if record.superseded_at is not None:
            return {**head, **self._stamps(record), "deleted": True}
        pdf = files.pdf_for(source, record)
        date = record.meeting_date if source == sources.EDITION else record.released_on
        return {
            **head,
            "name": sources.summary_title(record) if source == sources.SUMMARY else record.title,
            "fileName": files.filename(source, record),
            "mimeType": "application/pdf",
            "date": date.isoformat(),
            "size": pdf.size,
            "sha512Checksum": pdf.sha512,
            "downloadUrl": self.url("file_download", source=source, pk=record.pk),
            "paper": [self.url("paper", source=source, pk=record.pk)],
            **self._stamps(record),
        }
