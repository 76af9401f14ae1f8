"""About 60 stakeholders of Peine's integration work, with contacts and relationships.

The organisations are the kinds of actors public sources name for Peine; every contact
person is fictional and every email address ends in example.org.
"""

# ruff: noqa: E501 (the tables read best one record per line)
from datetime import date

from peine.models import District, Sector
from stakeholders.models import ContactPerson, Relationship, Stakeholder

K = Stakeholder.Kind
# Sector slugs: short keys for the table below.
S = {
    "bil": "sprache-bildung",
    "arb": "arbeit-wirtschaft",
    "woh": "wohnen-quartier",
    "ges": "gesundheit-pflege",
    "spo": "sport-freizeit",
    "kul": "kultur-dialog",
    "teil": "teilhabe-demokratie",
    "verw": "oeffnung-verwaltung",
    "kjf": "kinder-jugend-familie",
}

# fmt: off
# (name, kind, sectors, districts, influence, interest, street, description)
STAKEHOLDERS = [
    ("Fachbereich Jugend, Familie und Soziales der Stadt Peine", K.CITY_DEPARTMENT, "kjf teil", "kernstadt", 5, 4, "Kantstraße 5", "Jugendhilfe, Kitas in städtischer Trägerschaft, Sozialplanung."),
    ("Gleichstellungs-, Familien- und Integrationsbüro", K.CITY_DEPARTMENT, "teil kul verw", "kernstadt", 4, 5, "Kantstraße 5", "Koordiniert das Integrationskonzept der Stadt und die Beteiligungsrunden."),
    ("Bürgerbüro der Stadt Peine", K.CITY_DEPARTMENT, "verw", "kernstadt", 3, 3, "Kantstraße 5", "Erste Anlaufstelle für Meldeangelegenheiten, viele Sprachen im Wartebereich."),
    ("Fachdienst Bauen und Stadtentwicklung", K.CITY_DEPARTMENT, "woh", "kernstadt", 4, 2, "Kantstraße 5", "Stadtentwicklung, Quartiersplanung Südstadt und Telgte."),
    ("Ausländerbehörde des Landkreises Peine", K.PUBLIC_AUTHORITY, "verw", "kernstadt", 5, 3, "Burgstraße 1", "Aufenthaltsrecht, Einbürgerung; lange Wartezeiten sind ein häufiges Thema."),
    ("Jobcenter Landkreis Peine", K.PUBLIC_AUTHORITY, "arb bil", "kernstadt", 5, 4, "Werner-Nordmeyer-Straße 2", "Grundsicherung, Vermittlung, Sprachkurse in Kooperation mit Trägern."),
    ("Agentur für Arbeit Peine", K.PUBLIC_AUTHORITY, "arb", "kernstadt", 4, 3, "Werner-Nordmeyer-Straße 2", "Berufsberatung, Anerkennung ausländischer Abschlüsse."),
    ("Polizeiinspektion Peine", K.PUBLIC_AUTHORITY, "teil", "kernstadt", 4, 3, "Ilseder Straße 2", "Prävention, Kontaktbeamte in den Quartieren."),
    ("Gesundheitsamt Landkreis Peine", K.PUBLIC_AUTHORITY, "ges", "kernstadt", 3, 3, "Burgstraße 1", "Schuleingangsuntersuchungen, Impfberatung, mehrsprachige Informationen."),
    ("Koordinierungsstelle Migration und Teilhabe des Landkreises", K.PUBLIC_AUTHORITY, "teil verw", "kernstadt", 4, 5, "Burgstraße 1", "Vom Land geförderte Koordination, Integrationslotsen."),
    ("Caritasverband Peine – Migrationsdienst", K.WELFARE, "bil arb teil", "kernstadt", 3, 5, "Am Amthof 7", "Migrationsberatung für Erwachsene, Jugendmigrationsdienst."),
    ("AWO Kreisverband Peine", K.WELFARE, "kjf ges woh", "kernstadt vöhrum", 3, 4, "Schützenstraße 26", "Kitas, Beratung, Seniorenarbeit."),
    ("Diakonisches Werk Peine", K.WELFARE, "ges woh teil", "kernstadt", 3, 4, "Hagenmarkt 6", "Schuldnerberatung, Flüchtlingssozialarbeit."),
    ("DRK Kreisverband Peine", K.WELFARE, "ges spo", "kernstadt stederdorf", 3, 3, "Woltorfer Straße 50", "Erste Hilfe, Kleiderkammer, Familienbildung."),
    ("Paritätischer Peine", K.WELFARE, "teil ges", "kernstadt", 2, 3, "Bahnhofstraße 14", "Dachverband kleiner freier Träger."),
    ("InterKultura Peiner Land e.V.", K.MIGRANT_ORGANISATION, "kul teil", "kernstadt", 2, 5, "", "Interkultureller Verein, Feste, Begegnungen, Übersetzungen."),
    ("Familien für Familien e.V.", K.INITIATIVE, "kjf bil", "kernstadt", 2, 5, "", "Integrationspreis der Stadt 2017; Patenschaften zwischen Familien."),
    ("Türkisch-Islamische Gemeinde Peine (DİTİB)", K.RELIGIOUS, "kul kjf", "kernstadt", 3, 4, "Schwarzer Weg 12", "Moscheegemeinde mit Jugend- und Frauengruppe, Hausaufgabenhilfe."),
    ("Syrischer Kulturverein Peine – الجمعية الثقافية السورية", K.MIGRANT_ORGANISATION, "kul bil", "kernstadt", 1, 5, "", "Arabischkurse für Kinder, Beratung von Neuzugewanderten durch Ehrenamtliche."),
    ("Українська громада Peine – Ukrainische Gemeinschaft", K.MIGRANT_ORGANISATION, "teil bil", "kernstadt vöhrum", 1, 5, "", "Selbsthilfe ukrainischer Geflüchteter seit 2022."),
    ("Elternverein „Радуга“ e.V.", K.MIGRANT_ORGANISATION, "kjf bil", "stederdorf", 1, 4, "", "Russischsprachiger Elternverein: Samstagsschule, Elterncafé."),
    ("Polnische Katholische Mission Peine", K.RELIGIOUS, "kul", "kernstadt", 1, 3, "", "Gottesdienste auf Polnisch, Gemeindefeste."),
    ("Ev.-luth. Kirchengemeinde St. Jakobi", K.RELIGIOUS, "kul woh", "kernstadt", 3, 4, "Damm 6", "Kirchengemeinde in der Innenstadt, Café International."),
    ("Katholische Pfarrgemeinde Zu den heiligen Engeln", K.RELIGIOUS, "kul", "kernstadt", 2, 3, "", "Gemeinde mit vielen Mitgliedern polnischer und kroatischer Herkunft."),
    ("Ezidisches Kulturzentrum Peine", K.RELIGIOUS, "kul teil", "kernstadt", 1, 4, "", "Treffpunkt ezidischer Familien; Gedenkveranstaltungen."),
    ("Kreisvolkshochschule Peine", K.EDUCATION, "bil arb", "kernstadt", 4, 4, "Werderstraße 28", "Integrations- und Berufssprachkurse, Einbürgerungstests."),
    ("Gymnasium am Silberkamp", K.EDUCATION, "bil kjf", "kernstadt", 3, 3, "Silberkamp 1", "Sprachlernklasse, Schulsozialarbeit."),
    ("Grundschule Südstadt", K.EDUCATION, "bil kjf", "kernstadt", 2, 5, "", "Hoher Anteil von Kindern mit anderer Familiensprache."),
    ("Grundschule Vöhrum", K.EDUCATION, "bil kjf", "vöhrum", 2, 4, "", "Ganztagsschule mit Elterncafé."),
    ("Oberschule Stederdorf", K.EDUCATION, "bil kjf arb", "stederdorf", 2, 3, "", "Berufsorientierung, Praktikumsbörse mit örtlichen Betrieben."),
    ("Berufsbildende Schulen Peine", K.EDUCATION, "bil arb", "kernstadt", 3, 4, "Pelikanstraße 9", "Sprach- und Integrationsklassen (SPRINT), Ausbildungsvorbereitung."),
    ("Familienzentrum Kita Telgte", K.EDUCATION, "kjf bil", "kernstadt", 2, 5, "", "Kita mit Familienzentrum, Sprachförderung und Elternberatung."),
    ("Familienzentrum Kita Dungelbeck", K.EDUCATION, "kjf", "dungelbeck", 1, 4, "", "Familienzentrum in der Ortschaft, Eltern-Kind-Gruppen."),
    ("Städtische Kita Schwicheldt", K.EDUCATION, "kjf", "schwicheldt", 1, 3, "", "Zweigruppige Kita, Sprachkita des Bundesprogramms."),
    ("Kreissportbund Peine", K.SPORTS, "spo teil", "kernstadt", 4, 4, "Kantstraße 10", "Dachverband der Sportvereine; vertrat 2018 die Zivilgesellschaft in der Konfliktanalyse."),
    ("MTV Vater Jahn Peine", K.SPORTS, "spo", "kernstadt", 2, 3, "", "Großer Mehrspartenverein, Schwimmkurse für Frauen."),
    ("SV Stederdorf", K.SPORTS, "spo", "stederdorf", 1, 2, "", "Fußball und Turnen; Trainer mit Migrationsgeschichte gesucht."),
    ("TSV Woltorf", K.SPORTS, "spo", "woltorf", 1, 2, "", "Dorfverein mit Kinderturnen und Fußball."),
    ("Boxclub Peine 1957", K.SPORTS, "spo kjf", "kernstadt", 1, 4, "", "Offenes Training für Jugendliche aus allen Stadtteilen."),
    ("Kulturring Peine", K.CULTURE, "kul", "kernstadt", 2, 3, "", "Konzerte und Theater im Forum; interkulturelle Reihe."),
    ("Stadtbibliothek Peine", K.CITY_DEPARTMENT, "bil kul", "kernstadt", 2, 4, "", "Mehrsprachige Medien, Vorlesestunden in Türkisch und Arabisch."),
    ("Heimatverein Rosenthal", K.CULTURE, "kul woh", "rosenthal", 1, 2, "", "Dorfgeschichte, Erntefest."),
    ("Chor der Kulturen Peine", K.CULTURE, "kul", "kernstadt", 1, 4, "", "Chor mit Sängerinnen und Sängern aus 14 Ländern."),
    ("Peiner Träger (Stahlwerk)", K.EMPLOYER, "arb", "kernstadt", 4, 2, "", "Großer industrieller Arbeitgeber, Ausbildung."),
    ("Kreishandwerkerschaft Peine", K.EMPLOYER, "arb bil", "kernstadt", 3, 3, "", "Handwerksbetriebe, Ausbildungsplatzbörse, Anerkennungsberatung."),
    ("Klinikum Peine", K.EMPLOYER, "ges arb", "kernstadt", 3, 3, "Virchowstraße 8h", "Krankenhaus; Pflegekräfte aus dem Ausland."),
    ("Pflegedienst Yıldız GmbH", K.EMPLOYER, "ges arb", "kernstadt", 1, 4, "", "Kultursensible ambulante Pflege."),
    ("Peiner Wohnungsbaugesellschaft", K.EMPLOYER, "woh", "kernstadt vöhrum", 4, 3, "", "Größter Vermieter in Südstadt und Telgte."),
    ("Einzelhandelsverband Peine", K.EMPLOYER, "arb", "kernstadt", 2, 2, "", "Innenstadthandel; Fachkräftemangel."),
    ("Runder Tisch Flucht und Asyl Peine", K.INITIATIVE, "teil woh", "kernstadt", 2, 5, "", "Netzwerk ehrenamtlicher Unterstützerinnen und Unterstützer."),
    ("Sprachcafé Südstadt", K.INITIATIVE, "bil woh", "kernstadt", 1, 5, "", "Wöchentliches Sprachcafé im Nachbarschaftstreff."),
    ("Nachbarschaftsinitiative Telgte", K.INITIATIVE, "woh teil", "kernstadt", 1, 4, "", "Hoffeste, Müllsammelaktionen, Konfliktmoderation im Haus."),
    ("Omas gegen Rechts Peine", K.INITIATIVE, "teil", "kernstadt", 1, 4, "", "Demokratiebildung, Mahnwachen."),
    ("Integrationslotsen im Landkreis Peine", K.INITIATIVE, "teil bil", "kernstadt stederdorf vöhrum", 2, 5, "", "Ehrenamtliche Lotsinnen und Lotsen begleiten zu Ämtern."),
    ("Frauentreff Amal", K.INITIATIVE, "bil ges", "kernstadt", 1, 5, "", "Treff für Frauen mit Fluchtgeschichte, Kinderbetreuung während der Kurse."),
    ("Jugendzentrum „Die Etage“", K.CITY_DEPARTMENT, "kjf spo", "kernstadt", 2, 4, "", "Offene Jugendarbeit, Musikstudio."),
    ("Ortsrat Vöhrum/Eixe/Landwehr", K.OTHER, "teil woh", "vöhrum eixe", 3, 3, "", "Gemeinsamer Ortsrat dreier Ortschaften."),
    ("Ortsrat Essinghausen/Duttenstedt", K.OTHER, "teil", "essinghausen duttenstedt", 2, 2, "", "Gemeinsamer Ortsrat."),
    ("DGB Kreisverband Peine", K.OTHER, "arb teil", "kernstadt", 3, 3, "", "Gewerkschaften; Beratung zu fairer Beschäftigung."),
    ("forumZFD – Kommunale Konfliktberatung", K.OTHER, "teil", "kernstadt", 3, 5, "", "Berät Stadt und Landkreis im Programm Kommunale Konfliktberatung."),
    ("Tafel Peine e.V.", K.INITIATIVE, "ges woh", "kernstadt", 1, 3, "", "Lebensmittelausgabe; Konflikte in der Warteschlange wurden 2023 moderiert."),
    ("Anwohnerinitiative Gunzelinfeld", K.INITIATIVE, "woh", "kernstadt", 1, 3, "", "Gegen eine geplante Sammelunterkunft; später im Dialog mit der Stadt."),
]

DISTRICT_KEYS = {"vöhrum": "voehrum-landwehr"}

# (stakeholder, name, function, consent_given_on, withdrawn_on)
CONTACTS = [
    ("Gleichstellungs-, Familien- und Integrationsbüro", "Leyla Demir", "Integrationsbeauftragte", date(2025, 1, 10), None),
    ("Jobcenter Landkreis Peine", "Frank Kühne", "Teamleitung Markt und Integration", date(2025, 2, 3), None),
    ("Ausländerbehörde des Landkreises Peine", "Martina Brandes", "Sachgebietsleitung", date(2025, 2, 5), None),
    ("Caritasverband Peine – Migrationsdienst", "Aleksandra Nowak", "Migrationsberaterin", date(2025, 1, 20), None),
    ("Caritasverband Peine – Migrationsdienst", "Tobias Weiß", "Jugendmigrationsdienst", date(2025, 3, 1), None),
    ("AWO Kreisverband Peine", "Günther Strauß", "Geschäftsführer", date(2025, 2, 12), None),
    ("Diakonisches Werk Peine", "Henrike Möller", "Flüchtlingssozialarbeit", date(2025, 1, 28), None),
    ("InterKultura Peiner Land e.V.", "Ayşe Yılmaz", "Vorsitzende", date(2025, 1, 15), None),
    ("InterKultura Peiner Land e.V.", "Dragan Petrović", "Kassenwart", date(2025, 1, 15), date(2025, 9, 1)),
    ("Familien für Familien e.V.", "Sophie Engelhardt", "Koordinatorin Patenschaften", date(2025, 4, 2), None),
    ("Türkisch-Islamische Gemeinde Peine (DİTİB)", "Mehmet Öztürk", "Vorstand, Dialogbeauftragter", date(2025, 2, 20), None),
    ("Syrischer Kulturverein Peine – الجمعية الثقافية السورية", "Ahmad Al-Hassan (أحمد الحسن)", "Vorsitzender", date(2025, 3, 5), None),
    ("Українська громада Peine – Ukrainische Gemeinschaft", "Olena Kovalenko (Олена Коваленко)", "Sprecherin", date(2025, 3, 11), None),
    ("Elternverein „Радуга“ e.V.", "Natalja Iwanowa", "Leiterin der Samstagsschule", date(2025, 5, 6), None),
    ("Ev.-luth. Kirchengemeinde St. Jakobi", "Pastorin Dr. Katrin Voß", "Pastorin", date(2025, 2, 1), None),
    ("Ezidisches Kulturzentrum Peine", "Khalil Murad", "Vorstand", None, None),
    ("Kreisvolkshochschule Peine", "Birgit Lüdtke", "Fachbereich Deutsch als Zweitsprache", date(2025, 1, 30), None),
    ("Grundschule Südstadt", "Jörg Hoffmeister", "Schulleiter", date(2025, 4, 10), None),
    ("Berufsbildende Schulen Peine", "Elif Kaya", "Koordinatorin Sprachklassen", date(2025, 4, 15), None),
    ("Familienzentrum Kita Telgte", "Anna-Lena Böhm", "Leitung", date(2025, 3, 18), None),
    ("Kreissportbund Peine", "Uwe Pätzold", "Referent Integration durch Sport", date(2025, 2, 25), None),
    ("Boxclub Peine 1957", "Dariusz Wójcik", "Trainer", date(2025, 6, 1), None),
    ("Chor der Kulturen Peine", "Marija Jovanović", "Chorleiterin", date(2025, 5, 20), None),
    ("Kreishandwerkerschaft Peine", "Sven Grüning", "Ausbildungsberater", date(2025, 3, 3), None),
    ("Pflegedienst Yıldız GmbH", "Serkan Yıldız", "Inhaber", date(2025, 6, 12), None),
    ("Peiner Wohnungsbaugesellschaft", "Claudia Reiß", "Sozialmanagement", date(2025, 2, 17), None),
    ("Runder Tisch Flucht und Asyl Peine", "Hannelore Schütte", "Sprecherin", date(2025, 1, 22), None),
    ("Sprachcafé Südstadt", "Fatima Zahra Benali", "Organisatorin", date(2025, 4, 28), None),
    ("Frauentreff Amal", "Rania Haddad", "Leiterin", date(2025, 5, 2), None),
    ("Integrationslotsen im Landkreis Peine", "Ömer Çelik", "Lotse und Sprachmittler", date(2025, 3, 25), None),
    ("forumZFD – Kommunale Konfliktberatung", "Dr. Jan-Philipp Sauer", "Berater Kommunale Konfliktberatung", date(2025, 1, 8), None),
    ("Tafel Peine e.V.", "Ingrid Matthies", "Vorsitzende", date(2025, 7, 1), None),
]

# (source, kind, target, since, note)
R = Relationship.Kind
RELATIONSHIPS = [
    ("Gleichstellungs-, Familien- und Integrationsbüro", R.COOPERATES, "forumZFD – Kommunale Konfliktberatung", date(2019, 4, 1), "Beratungsprojekt seit April 2019."),
    ("Gleichstellungs-, Familien- und Integrationsbüro", R.COOPERATES, "Koordinierungsstelle Migration und Teilhabe des Landkreises", date(2020, 1, 1), "Gemeinsames Integrationsmanagement von Stadt und Landkreis."),
    ("Gleichstellungs-, Familien- und Integrationsbüro", R.FUNDS, "Sprachcafé Südstadt", date(2023, 1, 1), "Kleiner Zuschuss aus dem Integrationsbudget."),
    ("Gleichstellungs-, Familien- und Integrationsbüro", R.FUNDS, "Frauentreff Amal", date(2024, 3, 1), "Raummiete und Kinderbetreuung."),
    ("Gleichstellungs-, Familien- und Integrationsbüro", R.COOPERATES, "InterKultura Peiner Land e.V.", date(2018, 11, 1), "Interkulturelle Woche."),
    ("Jobcenter Landkreis Peine", R.COOPERATES, "Kreisvolkshochschule Peine", date(2016, 1, 1), "Berufssprachkurse."),
    ("Jobcenter Landkreis Peine", R.COOPERATES, "Kreishandwerkerschaft Peine", date(2021, 9, 1), "Ausbildungsbörse."),
    ("Jobcenter Landkreis Peine", R.COOPERATES, "Agentur für Arbeit Peine", None, "Gemeinsame Anerkennungsberatung."),
    ("Ausländerbehörde des Landkreises Peine", R.TENSION, "Runder Tisch Flucht und Asyl Peine", date(2022, 6, 1), "Kritik an Wartezeiten und Erreichbarkeit."),
    ("Ausländerbehörde des Landkreises Peine", R.COOPERATES, "Caritasverband Peine – Migrationsdienst", None, "Fallbesprechungen."),
    ("Caritasverband Peine – Migrationsdienst", R.MEMBER_OF, "Runder Tisch Flucht und Asyl Peine", date(2015, 9, 1), ""),
    ("Diakonisches Werk Peine", R.MEMBER_OF, "Runder Tisch Flucht und Asyl Peine", date(2015, 9, 1), ""),
    ("Diakonisches Werk Peine", R.MEMBER_OF, "Paritätischer Peine", None, ""),
    ("AWO Kreisverband Peine", R.COOPERATES, "Familienzentrum Kita Telgte", date(2019, 8, 1), "Elternberatung im Familienzentrum."),
    ("Familien für Familien e.V.", R.COOPERATES, "Familienzentrum Kita Telgte", date(2017, 5, 1), "Patenschaften."),
    ("Familien für Familien e.V.", R.MEMBER_OF, "Paritätischer Peine", None, ""),
    ("Türkisch-Islamische Gemeinde Peine (DİTİB)", R.COOPERATES, "Ev.-luth. Kirchengemeinde St. Jakobi", date(2016, 10, 3), "Tag der offenen Moschee, gemeinsames Friedensgebet."),
    ("Türkisch-Islamische Gemeinde Peine (DİTİB)", R.COOPERATES, "Boxclub Peine 1957", date(2022, 2, 1), "Jugendliche der Gemeinde trainieren im Verein."),
    ("Ezidisches Kulturzentrum Peine", R.TENSION, "Türkisch-Islamische Gemeinde Peine (DİTİB)", None, "Spannungen nach Ereignissen in der Herkunftsregion; Vermittlung durch das Integrationsbüro."),
    ("Syrischer Kulturverein Peine – الجمعية الثقافية السورية", R.MEMBER_OF, "InterKultura Peiner Land e.V.", date(2019, 1, 1), ""),
    ("Українська громада Peine – Ukrainische Gemeinschaft", R.COOPERATES, "Elternverein „Радуга“ e.V.", date(2022, 4, 1), "Gemeinsame Samstagsschule, nicht ohne Reibung."),
    ("Українська громада Peine – Ukrainische Gemeinschaft", R.COOPERATES, "Kreisvolkshochschule Peine", date(2022, 5, 1), "Integrationskurse."),
    ("MTV Vater Jahn Peine", R.MEMBER_OF, "Kreissportbund Peine", None, ""),
    ("SV Stederdorf", R.MEMBER_OF, "Kreissportbund Peine", None, ""),
    ("TSV Woltorf", R.MEMBER_OF, "Kreissportbund Peine", None, ""),
    ("Boxclub Peine 1957", R.MEMBER_OF, "Kreissportbund Peine", None, ""),
    ("Kreissportbund Peine", R.COOPERATES, "Gleichstellungs-, Familien- und Integrationsbüro", date(2018, 1, 1), "Konfliktanalyse 2018."),
    ("Peiner Wohnungsbaugesellschaft", R.COOPERATES, "Nachbarschaftsinitiative Telgte", date(2021, 3, 1), "Hausfeste und Konfliktmoderation."),
    ("Peiner Wohnungsbaugesellschaft", R.FUNDS, "Sprachcafé Südstadt", date(2022, 1, 1), "Stellt den Raum im Nachbarschaftstreff."),
    ("Anwohnerinitiative Gunzelinfeld", R.TENSION, "Fachdienst Bauen und Stadtentwicklung", date(2023, 9, 1), "Streit um den Standort einer Unterkunft."),
    ("Anwohnerinitiative Gunzelinfeld", R.TENSION, "Runder Tisch Flucht und Asyl Peine", date(2023, 9, 1), ""),
    ("Berufsbildende Schulen Peine", R.COOPERATES, "Kreishandwerkerschaft Peine", None, "Praktika für Sprachklassen."),
    ("Klinikum Peine", R.COOPERATES, "Berufsbildende Schulen Peine", None, "Pflegeausbildung."),
    ("Pflegedienst Yıldız GmbH", R.COOPERATES, "Frauentreff Amal", date(2024, 9, 1), "Informationsabende zu Pflegeberufen."),
    ("Integrationslotsen im Landkreis Peine", R.COOPERATES, "Ausländerbehörde des Landkreises Peine", date(2020, 1, 1), "Begleitung zu Terminen."),
    ("Koordinierungsstelle Migration und Teilhabe des Landkreises", R.FUNDS, "Integrationslotsen im Landkreis Peine", date(2020, 1, 1), "Landesförderung, weitergeleitet."),
    ("Omas gegen Rechts Peine", R.COOPERATES, "Runder Tisch Flucht und Asyl Peine", None, ""),
    ("Tafel Peine e.V.", R.COOPERATES, "Diakonisches Werk Peine", None, ""),
    ("Chor der Kulturen Peine", R.MEMBER_OF, "Kulturring Peine", None, ""),
    ("Stadtbibliothek Peine", R.COOPERATES, "Grundschule Südstadt", date(2021, 1, 1), "Mehrsprachige Vorlesestunden."),
    ("Jugendzentrum „Die Etage“", R.COOPERATES, "Boxclub Peine 1957", None, ""),
    ("Polizeiinspektion Peine", R.COOPERATES, "Nachbarschaftsinitiative Telgte", None, "Kontaktbeamtin im Quartier."),
    ("DGB Kreisverband Peine", R.TENSION, "Einzelhandelsverband Peine", None, "Tarifbindung und Arbeitszeiten."),
    ("Ortsrat Vöhrum/Eixe/Landwehr", R.COOPERATES, "Grundschule Vöhrum", None, ""),
]
# fmt: on


def load(stdout) -> None:
    sectors = {s.slug: s for s in Sector.objects.all()}
    districts = {d.slug: d for d in District.objects.all()}
    by_name = {}
    for name, kind, sector_keys, district_keys, influence, interest, street, text in STAKEHOLDERS:
        stakeholder = Stakeholder.objects.create(
            name=name,
            kind=kind,
            description=text,
            street=street,
            postcode="31224" if street else "",
            influence=influence,
            interest=interest,
            active=name != "Anwohnerinitiative Gunzelinfeld",
        )
        stakeholder.sectors.set([sectors[S[key]] for key in sector_keys.split()])
        stakeholder.districts.set(
            [districts[DISTRICT_KEYS.get(key, key)] for key in district_keys.split()]
        )
        by_name[name] = stakeholder
    for stakeholder_name, name, function, given, withdrawn in CONTACTS:
        local = "".join(c for c in name.split("(")[0].lower() if c.isascii() and c.isalpha())
        ContactPerson.objects.create(
            stakeholder=by_name[stakeholder_name],
            name=name,
            function=function,
            email=f"{local[:24]}@example.org",
            phone="05171 " + str(400000 + len(name) * 1371)[:6],
            consent_given_on=given,
            consent_purpose="Kontakt im Rahmen des Integrationskonzepts" if given else "",
            consent_withdrawn_on=withdrawn,
        )
    for source, kind, target, since, note in RELATIONSHIPS:
        Relationship.objects.create(
            source=by_name[source], target=by_name[target], kind=kind, since=since, note=note
        )
    stdout.write(
        f"Stakeholders: {len(STAKEHOLDERS)} organisations, {len(CONTACTS)} contact persons, "
        f"{len(RELATIONSHIPS)} relationships."
    )
