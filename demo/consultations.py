# ruff: noqa: E501 -- demo data: German sentences are kept on one line each.
"""Demo consultation rounds: one evaluated and released, one running, one planned.

About 40 interviews and 150 findings written as German statements. Works with whatever
stakeholders the stakeholder demo created; without any, it creates a handful of its own.
All people are fictional; notes name no one.
"""

import datetime
import random
from functools import partial

from django.utils import timezone

from consultations import services
from consultations.models import ActionOption, ConsultationRound, Finding, Interview
from peine.models import District, Sector
from peine.roles import Role, users_with_role
from stakeholders.models import ContactPerson, Stakeholder

# (sector slug, kind, statement)
STATEMENTS = [
    # Sprache und Bildung
    (
        "sprache-bildung",
        "need",
        "Die Integrationskurse der Kreisvolkshochschule haben Wartelisten von mehreren Monaten; in der Zeit geht viel Motivation verloren.",
    ),
    (
        "sprache-bildung",
        "need",
        "Mütter mit kleinen Kindern können an Sprachkursen nur teilnehmen, wenn es eine Kinderbetreuung im selben Haus gibt.",
    ),
    (
        "sprache-bildung",
        "observation",
        "In {ort} gibt es keinen Sprachkurs; wer kein Auto hat, kommt abends nicht in die Kernstadt.",
    ),
    (
        "sprache-bildung",
        "resource",
        "Ehrenamtliche Lesepatinnen der Stadtbibliothek erreichen Kinder, die zu Hause kaum Deutsch sprechen.",
    ),
    (
        "sprache-bildung",
        "suggestion",
        "Sprachcafés in Gemeindehäusern und Vereinsheimen könnten das Üben im Alltag ermöglichen, auch in den Ortschaften.",
    ),
    (
        "sprache-bildung",
        "tension",
        "Lehrkräfte berichten, dass Sprachlernklassen als „Restklassen“ gelten und Eltern Angst vor Stigmatisierung haben.",
    ),
    (
        "sprache-bildung",
        "observation",
        "Ältere Zugewanderte trauen sich nach Jahren in Peine nicht mehr in einen Kurs, weil sie sich für ihr Deutsch schämen.",
    ),
    (
        "sprache-bildung",
        "need",
        "Für Berufssprachkurse auf B2-Niveau fehlen in Peine Plätze; viele fahren nach Braunschweig oder Hannover.",
    ),
    (
        "sprache-bildung",
        "resource",
        "Die Samstagsschulen der Elternvereine stärken die Familiensprache und damit nach Erfahrung der Lehrkräfte auch das Deutsche.",
    ),
    (
        "sprache-bildung",
        "suggestion",
        "Ein gemeinsamer Überblick über alle Sprachangebote im Stadtgebiet, mehrsprachig und aktuell, würde Beratungsstellen entlasten.",
    ),
    # Arbeit und Wirtschaft
    (
        "arbeit-wirtschaft",
        "need",
        "Die Anerkennung ausländischer Berufsabschlüsse dauert oft über ein Jahr; in dieser Zeit arbeiten Fachkräfte als Hilfskräfte.",
    ),
    (
        "arbeit-wirtschaft",
        "observation",
        "Handwerksbetriebe in {ort} würden ausbilden, bekommen aber keine Bewerbungen von Jugendlichen mit Migrationsgeschichte.",
    ),
    (
        "arbeit-wirtschaft",
        "resource",
        "Mehrere Betriebe haben gute Erfahrungen mit Praktika für Geflüchtete gemacht und würden ihre Erfahrungen weitergeben.",
    ),
    (
        "arbeit-wirtschaft",
        "tension",
        "In der Belegschaft eines großen Arbeitgebers gibt es Spannungen zwischen langjährigen Beschäftigten und neu eingestellten Leiharbeitskräften.",
    ),
    (
        "arbeit-wirtschaft",
        "suggestion",
        "Eine Ausbildungsbörse, auf der Betriebe und Familien sich direkt begegnen, könnte Vorbehalte auf beiden Seiten abbauen.",
    ),
    (
        "arbeit-wirtschaft",
        "need",
        "Frauen, die in ihrem Herkunftsland gearbeitet haben, finden kaum Teilzeitstellen, die zu Kita-Zeiten passen.",
    ),
    (
        "arbeit-wirtschaft",
        "observation",
        "Der Einzelhandel in der Innenstadt sucht dringend Personal; mehrsprachige Beschäftigte werden als Gewinn gesehen.",
    ),
    (
        "arbeit-wirtschaft",
        "need",
        "Jugendliche aus den Sprachklassen der Berufsbildenden Schulen brauchen länger Begleitung beim Übergang in die Ausbildung.",
    ),
    # Wohnen und Zusammenleben im Quartier
    (
        "wohnen-quartier",
        "tension",
        "In der Südstadt gibt es Beschwerden über Lärm und Müll; die Schuld wird pauschal „den Neuen“ gegeben.",
    ),
    (
        "wohnen-quartier",
        "observation",
        "Familien mit vielen Kindern finden in Peine kaum bezahlbare große Wohnungen und bleiben lange in Sammelunterkünften.",
    ),
    (
        "wohnen-quartier",
        "need",
        "Im Quartier fehlen Orte, an denen sich Nachbarn ohne Verzehrzwang begegnen können.",
    ),
    (
        "wohnen-quartier",
        "resource",
        "Der Nachbarschaftstreff in Telgte wird von Bewohnerinnen selbst organisiert und erreicht viele Nationalitäten.",
    ),
    (
        "wohnen-quartier",
        "suggestion",
        "Hausgemeinschaften könnten mit kleinen Festen und mehrsprachigen Hausordnungen Konflikte vorbeugen.",
    ),
    (
        "wohnen-quartier",
        "tension",
        "In {ort} wird über die geplante Unterkunft sehr emotional diskutiert; Gerüchte verbreiten sich schneller als Informationen.",
    ),
    (
        "wohnen-quartier",
        "observation",
        "Vermieter lehnen nach Aussage von Beratungsstellen Bewerbungen mit fremd klingenden Namen ab.",
    ),
    (
        "wohnen-quartier",
        "need",
        "Die Busverbindungen aus den Ortschaften in die Kernstadt enden abends so früh, dass Kurse und Vereinsangebote unerreichbar sind.",
    ),
    (
        "wohnen-quartier",
        "resource",
        "Die Wohnungsbaugesellschaft ist bereit, Gemeinschaftsräume für Nachbarschaftsprojekte zur Verfügung zu stellen.",
    ),
    # Gesundheit und Pflege
    (
        "gesundheit-pflege",
        "need",
        "Für Arztbesuche fehlen Dolmetscherinnen; oft übersetzen Kinder für ihre Eltern, auch bei schweren Diagnosen.",
    ),
    (
        "gesundheit-pflege",
        "observation",
        "Ältere Zugewanderte nutzen Pflegeangebote kaum, weil sie die Angebote nicht kennen oder sich nicht verstanden fühlen.",
    ),
    (
        "gesundheit-pflege",
        "need",
        "Geflüchtete mit Kriegserfahrungen warten monatelang auf einen Therapieplatz; muttersprachliche Angebote gibt es fast keine.",
    ),
    (
        "gesundheit-pflege",
        "resource",
        "Ein kultursensibler Pflegedienst berät Familien in mehreren Sprachen und könnte Multiplikator sein.",
    ),
    (
        "gesundheit-pflege",
        "suggestion",
        "Gesundheitslotsinnen aus den Communities könnten über Vorsorge, Impfungen und das Gesundheitssystem informieren.",
    ),
    (
        "gesundheit-pflege",
        "observation",
        "Pflegekräfte aus dem Ausland fühlen sich im Klinikum fachlich anerkannt, im Alltag in Peine aber einsam.",
    ),
    # Sport und Freizeit
    (
        "sport-freizeit",
        "resource",
        "Sportvereine sind für viele Jugendliche der erste Ort, an dem sie Freundschaften über Herkunftsgrenzen hinweg schließen.",
    ),
    (
        "sport-freizeit",
        "need",
        "Vereinen fehlen Übungsleiterinnen und Übungsleiter; Menschen mit Migrationsgeschichte werden selten gezielt angesprochen.",
    ),
    (
        "sport-freizeit",
        "observation",
        "Frauen-Schwimmzeiten sind sofort ausgebucht; viele Frauen haben nie schwimmen gelernt.",
    ),
    (
        "sport-freizeit",
        "tension",
        "Bei Jugendfußballspielen in {ort} kam es zu rassistischen Beleidigungen von Zuschauern; die Vereine fühlen sich allein gelassen.",
    ),
    (
        "sport-freizeit",
        "suggestion",
        "Beitragsfreie Schnuppermonate und eine Ansprechperson im Verein könnten neuen Familien den Einstieg erleichtern.",
    ),
    (
        "sport-freizeit",
        "observation",
        "Vereinsheime in den Ortschaften stehen unter der Woche oft leer und könnten für Begegnungsangebote genutzt werden.",
    ),
    # Kultur und interreligiöser Dialog
    (
        "kultur-dialog",
        "resource",
        "Das interkulturelle Fest auf dem Marktplatz wird von vielen Vereinen gemeinsam getragen und ist ein starkes Zeichen.",
    ),
    (
        "kultur-dialog",
        "tension",
        "Nach Konflikten im Nahen Osten ziehen sich Gemeinden zurück; das Misstrauen zwischen einzelnen Gruppen wächst.",
    ),
    (
        "kultur-dialog",
        "suggestion",
        "Ein regelmäßiger Runder Tisch der Religionsgemeinschaften könnte in Krisenzeiten schnell gemeinsam Stellung beziehen.",
    ),
    (
        "kultur-dialog",
        "observation",
        "Kulturangebote im Forum erreichen vor allem ein älteres, deutschsprachiges Publikum.",
    ),
    (
        "kultur-dialog",
        "need",
        "Migrantenvereine haben keine eigenen Räume und finden für Veranstaltungen kaum bezahlbare Säle.",
    ),
    (
        "kultur-dialog",
        "resource",
        "Der Chor der Kulturen zeigt, wie gemeinsames Tun Menschen aus vielen Ländern verbindet; er sucht Auftrittsorte.",
    ),
    (
        "kultur-dialog",
        "observation",
        "In {ort} kennen viele Alteingesessene die neu zugezogenen Familien nicht; Dorffeste könnten ein Anlass sein.",
    ),
    # Teilhabe, Ehrenamt und Demokratie
    (
        "teilhabe-demokratie",
        "need",
        "Migrantenorganisationen wünschen sich, früher an Entscheidungen beteiligt zu werden, nicht erst zur Umsetzung.",
    ),
    (
        "teilhabe-demokratie",
        "observation",
        "Das Ehrenamt in der Flüchtlingshilfe ist seit 2016 stark geschrumpft; die Verbliebenen sind erschöpft.",
    ),
    (
        "teilhabe-demokratie",
        "tension",
        "In sozialen Medien werden Gerüchte über Kriminalität von Zugewanderten geteilt; Richtigstellungen erreichen kaum jemanden.",
    ),
    (
        "teilhabe-demokratie",
        "resource",
        "Neue Ehrenamtliche aus der ukrainischen Gemeinschaft engagieren sich inzwischen selbst für andere Neuankommende.",
    ),
    (
        "teilhabe-demokratie",
        "suggestion",
        "Ein Integrationsbeirat oder ein Forum mit festen Terminen würde Stimmen von Migrantinnen und Migranten in den Rat tragen.",
    ),
    (
        "teilhabe-demokratie",
        "need",
        "Ehrenamtliche brauchen Fortbildung zu Aufenthaltsrecht und Konfliktbearbeitung, um nicht überfordert zu werden.",
    ),
    (
        "teilhabe-demokratie",
        "observation",
        "Viele Menschen ohne deutschen Pass wissen nicht, dass sie bei Kommunalwahlen als EU-Bürger wählen dürfen.",
    ),
    (
        "teilhabe-demokratie",
        "tension",
        "In {ort} fühlen sich Alteingesessene bei Entscheidungen übergangen und verbinden das mit dem Thema Zuwanderung.",
    ),
    # Interkulturelle Öffnung der Verwaltung
    (
        "oeffnung-verwaltung",
        "need",
        "Formulare und Bescheide sind schwer verständlich; Beratungsstellen verbringen viel Zeit mit dem Erklären von Briefen.",
    ),
    (
        "oeffnung-verwaltung",
        "observation",
        "Termine bei der Ausländerbehörde sind nur online buchbar; wer keinen Zugang hat, steht vor verschlossenen Türen.",
    ),
    (
        "oeffnung-verwaltung",
        "suggestion",
        "Leichte Sprache und mehrsprachige Kurzinformationen auf der Website der Stadt würden viele Nachfragen ersparen.",
    ),
    (
        "oeffnung-verwaltung",
        "resource",
        "Mehrere Beschäftigte im Bürgerbüro sprechen Türkisch, Arabisch oder Russisch und helfen informell aus.",
    ),
    (
        "oeffnung-verwaltung",
        "tension",
        "Beschäftigte der Verwaltung erleben zunehmend aggressive Situationen am Schalter, auf beiden Seiten wächst Frust.",
    ),
    (
        "oeffnung-verwaltung",
        "need",
        "Die Verwaltung wünscht sich Fortbildungen zu interkultureller Kommunikation, die zum Arbeitsalltag passen.",
    ),
    (
        "oeffnung-verwaltung",
        "observation",
        "In der Stadtverwaltung arbeiten kaum Auszubildende mit Migrationsgeschichte, obwohl es Bewerbungen gibt.",
    ),
    # Kinder, Jugend und Familie
    (
        "kinder-jugend-familie",
        "resource",
        "Die Familienzentren an den Kitas sind für viele Eltern die erste Anlaufstelle bei allen Fragen, nicht nur zur Erziehung.",
    ),
    (
        "kinder-jugend-familie",
        "need",
        "In der Kernstadt fehlen Kitaplätze; Kinder ohne Kitabesuch kommen mit geringen Deutschkenntnissen in die Schule.",
    ),
    (
        "kinder-jugend-familie",
        "observation",
        "Jugendliche aus {ort} treffen sich abends an der Bushaltestelle, weil es keinen Jugendraum gibt.",
    ),
    (
        "kinder-jugend-familie",
        "tension",
        "Zwischen Gruppen Jugendlicher am Bahnhof kommt es zu Auseinandersetzungen; Anwohner fühlen sich unsicher.",
    ),
    (
        "kinder-jugend-familie",
        "suggestion",
        "Elterncafés an Grundschulen, mit Übersetzung, würden Eltern den Kontakt zu Lehrkräften erleichtern.",
    ),
    (
        "kinder-jugend-familie",
        "resource",
        "Patenschaften zwischen Familien haben sich bewährt und könnten auf weitere Stadtteile und Ortschaften ausgeweitet werden.",
    ),
    (
        "kinder-jugend-familie",
        "need",
        "Schulsozialarbeit ist an Grundschulen nur stundenweise vorhanden, obwohl die Probleme dort beginnen.",
    ),
    (
        "kinder-jugend-familie",
        "observation",
        "Offene Angebote der Jugendarbeit erreichen Mädchen aus zugewanderten Familien kaum.",
    ),
]

PLACES = [
    "Vöhrum/Landwehr",
    "Stederdorf",
    "Woltorf",
    "Dungelbeck",
    "Essinghausen",
    "Schwicheldt",
    "Rosenthal",
    "Duttenstedt",
    "Handorf",
    "Eixe",
    "Schmedenstedt",
    "Berkum",
]

# Round two asks "Was wollen wir werden?": statements looking ahead.
FUTURE_STATEMENTS = [
    (
        "wohnen-quartier",
        "suggestion",
        "Peine soll eine Stadt sein, in der man am Wohnort nicht mehr erkennt, woher jemand kommt – dafür braucht es gemischte Neubaugebiete.",
    ),
    (
        "wohnen-quartier",
        "need",
        "Für die neuen Baugebiete in {ort} sollte von Anfang an ein Treffpunkt mitgeplant werden, nicht erst, wenn Konflikte da sind.",
    ),
    (
        "teilhabe-demokratie",
        "suggestion",
        "Jugendliche wünschen sich ein Jugendparlament, in dem auch Jugendliche ohne deutschen Pass mitreden können.",
    ),
    (
        "teilhabe-demokratie",
        "observation",
        "Die Gesprächspartner beschreiben Peine als Stadt, die Vielfalt lebt, aber selten darüber spricht.",
    ),
    (
        "teilhabe-demokratie",
        "need",
        "Vereine wünschen sich eine feste Ansprechperson in der Stadt, die Konflikte früh aufnimmt, bevor sie eskalieren.",
    ),
    (
        "teilhabe-demokratie",
        "resource",
        "Die Erfahrungen aus der Konfliktberatung seit 2019 haben Netzwerke entstehen lassen, die auch ohne Projekt weiterarbeiten wollen.",
    ),
    (
        "arbeit-wirtschaft",
        "suggestion",
        "Unternehmen könnten gemeinsam eine Willkommensstelle für internationale Fachkräfte und ihre Familien finanzieren.",
    ),
    (
        "arbeit-wirtschaft",
        "observation",
        "Der Strukturwandel in der Stahlindustrie verunsichert viele Familien, unabhängig von ihrer Herkunft.",
    ),
    (
        "arbeit-wirtschaft",
        "tension",
        "Die Sorge um Arbeitsplätze wird in Gesprächen am Arbeitsplatz zunehmend mit Zuwanderung verknüpft.",
    ),
    (
        "sprache-bildung",
        "suggestion",
        "Bis 2030 sollte jedes Kind vor der Einschulung ein Jahr lang eine Kita mit Sprachförderung besucht haben.",
    ),
    (
        "sprache-bildung",
        "observation",
        "Schulen in {ort} berichten von mehr neu zugezogenen Kindern aus der Kernstadt, die in die Ortschaften ziehen.",
    ),
    (
        "kinder-jugend-familie",
        "suggestion",
        "Ein Familienzentrum in jeder größeren Ortschaft würde Familien in Stederdorf, Vöhrum und Woltorf erreichen.",
    ),
    (
        "kinder-jugend-familie",
        "need",
        "Eltern wünschen sich verlässliche Ganztagsangebote, damit beide Elternteile arbeiten und Deutsch lernen können.",
    ),
    (
        "kultur-dialog",
        "suggestion",
        "Ein Haus der Kulturen in der Innenstadt könnte Vereinen Räume bieten und leerstehende Ladenflächen beleben.",
    ),
    (
        "kultur-dialog",
        "resource",
        "Die Religionsgemeinschaften haben nach dem Anschlag in Hanau gemeinsam getrauert; diese Verbindung trägt bis heute.",
    ),
    (
        "kultur-dialog",
        "tension",
        "Bei Stadtfesten fühlen sich einige Gruppen nur als „bunte Beigabe“ eingeladen, nicht als Mitgestaltende.",
    ),
    (
        "oeffnung-verwaltung",
        "suggestion",
        "Die Stadt sollte bei Stellenausschreibungen ausdrücklich Mehrsprachigkeit als Qualifikation nennen.",
    ),
    (
        "oeffnung-verwaltung",
        "observation",
        "Die digitale Terminvergabe hat Wartezeiten verkürzt, schließt aber Menschen ohne Smartphone und Deutschkenntnisse aus.",
    ),
    (
        "gesundheit-pflege",
        "need",
        "In zehn Jahren werden viele Zugewanderte der ersten Generation pflegebedürftig; darauf sind die Dienste nicht vorbereitet.",
    ),
    (
        "gesundheit-pflege",
        "suggestion",
        "Ein mehrsprachiger Gesundheitstag im Klinikum könnte Vertrauen aufbauen und über Vorsorge informieren.",
    ),
    (
        "sport-freizeit",
        "suggestion",
        "Eine gemeinsame Plattform der Vereine könnte Angebote in mehreren Sprachen sichtbar machen.",
    ),
    (
        "sport-freizeit",
        "resource",
        "Der Kreissportbund hat Fördermittel für Integration im Sport, die bisher kaum abgerufen werden.",
    ),
    (
        "wohnen-quartier",
        "tension",
        "Steigende Mieten in der Kernstadt verdrängen Familien in die Ortschaften, wo Angebote fehlen und Vorbehalte größer sind.",
    ),
    (
        "teilhabe-demokratie",
        "suggestion",
        "Ein jährlicher Bürgerdialog „Was wollen wir werden?“ in Kernstadt und Ortschaften würde das Integrationskonzept lebendig halten.",
    ),
    (
        "oeffnung-verwaltung",
        "need",
        "Die Verwaltung braucht verlässliche Daten darüber, wer die Angebote nutzt, um sie gezielt weiterzuentwickeln.",
    ),
]

FALLBACK_STAKEHOLDERS = [
    ("Kreisvolkshochschule Peine", Stakeholder.Kind.EDUCATION),
    ("Caritasverband Peine – Migrationsdienst", Stakeholder.Kind.WELFARE),
    ("InterKultura Peiner Land e.V.", Stakeholder.Kind.MIGRANT_ORGANISATION),
    ("Familien für Familien e.V.", Stakeholder.Kind.INITIATIVE),
    ("Kreissportbund Peine", Stakeholder.Kind.SPORTS),
    ("Ev.-luth. Kirchengemeinde St. Jakobi", Stakeholder.Kind.RELIGIOUS),
    ("Jobcenter Landkreis Peine", Stakeholder.Kind.PUBLIC_AUTHORITY),
    ("Familienzentrum Kita Telgte", Stakeholder.Kind.EDUCATION),
]

NOTES = [
    "Gespräch in den Räumen des Vereins, etwa 90 Minuten, offene Atmosphäre. Die Vorsitzende "
    "möchte nicht namentlich zitiert werden. Mehrfach kam die Raumfrage auf; sie erwähnte "
    "Konflikte mit dem Vermieter, die vertraulich bleiben sollen. Nachfassen in vier Wochen.",
    "Telefonat, zunächst zurückhaltend. Erst gegen Ende wurde von Anfeindungen gegen "
    "Gemeindemitglieder berichtet (zwei Vorfälle, nicht angezeigt). Bitte um Vertraulichkeit; "
    "Kontakt zur Polizei nur mit ausdrücklichem Einverständnis.",
    "Gruppengespräch mit fünf Ehrenamtlichen. Starke Erschöpfung spürbar, eine Person denkt "
    "ans Aufhören. Kritik an der Zusammenarbeit mit der Ausländerbehörde, sehr emotional. "
    "Einzelfälle wurden genannt – nicht in die Auswertung übernehmen.",
    "Videogespräch mit der Leitung und der Schulsozialarbeit. Sorge um einzelne Familien "
    "(gesundheitliche Situation, Aufenthaltsstatus) – nur hier notiert. Insgesamt großes "
    "Interesse an Elterncafés; Leitung bietet Räume an.",
    "Kurzes Gespräch am Rande einer Veranstaltung, dann ausführlich im Büro. Hinweis auf "
    "Spannungen zwischen zwei Vereinen um Hallenzeiten; Namen der Beteiligten nicht weitergeben.",
]

SUMMARIES = [
    "Der Träger sieht großen Bedarf an Räumen und verlässlicher Ansprechbarkeit der Stadt.",
    "Die Gesprächspartner berichten von Ausgrenzungserfahrungen und wünschen sich "
    "sichtbare Zeichen der Stadt gegen Rassismus.",
    "Das Ehrenamt trägt viel, braucht aber Entlastung, Fortbildung und Anerkennung.",
    "Schule und Familienzentrum wollen Eltern stärker einbeziehen und bieten sich als Orte "
    "für Begegnung an.",
    "Sport und Vereinsleben verbinden, doch Zugänge für neue Mitglieder sind oft unklar.",
]

EVALUATION = """Die Gesprächsrunde hat gezeigt, dass das Zusammenleben in Peine vielerorts gut gelingt, \
aber an Orten der Begegnung, an Sprache und an verlässlichen Ansprechpersonen hängt.

Drei Themen zogen sich durch fast alle Gespräche: fehlende Räume für Vereine und Nachbarschaften, \
lange Wege zu Sprach- und Beratungsangeboten – besonders aus den Ortschaften – und der Wunsch von \
Migrantenorganisationen, früher an Entscheidungen beteiligt zu werden.

Spannungen zeigen sich vor allem dort, wo Gerüchte schneller sind als Informationen und wo \
Menschen sich bei Entscheidungen übergangen fühlen. Ressourcen sind die Familienzentren, die \
Sportvereine und ein engagiertes, aber erschöpftes Ehrenamt.

Aus den Erkenntnissen wurden Handlungsoptionen abgeleitet; sie werden dem Rat mit dieser \
Zusammenfassung vorgelegt."""

OPTIONS = [
    # (title, description, sector slugs, status)
    (
        "Sprachcafés in Kernstadt und Ortschaften",
        "Ehrenamtlich begleitete Sprachcafés in Gemeindehäusern, Vereinsheimen und Familienzentren, "
        "mit Kinderbetreuung.",
        ["sprache-bildung", "kinder-jugend-familie"],
        ActionOption.Status.ADOPTED,
    ),
    (
        "Raumbörse für Vereine und Initiativen",
        "Eine Übersicht freier städtischer und kirchlicher Räume, die Vereine kostengünstig nutzen können.",
        ["kultur-dialog", "teilhabe-demokratie"],
        ActionOption.Status.OPEN,
    ),
    (
        "Mehrsprachige Kurzinformationen der Verwaltung",
        "Die häufigsten Bescheide und Anliegen in Leichter Sprache und fünf Sprachen erklären.",
        ["oeffnung-verwaltung"],
        ActionOption.Status.ADOPTED,
    ),
    (
        "Gesundheitslotsinnen aus den Communities",
        "Schulung von Ehrenamtlichen, die in ihren Communities über Vorsorge und Versorgung informieren.",
        ["gesundheit-pflege"],
        ActionOption.Status.OPEN,
    ),
    (
        "Runder Tisch der Religionsgemeinschaften",
        "Regelmäßiges Treffen, das in Krisen gemeinsam Stellung bezieht.",
        ["kultur-dialog"],
        ActionOption.Status.OPEN,
    ),
    (
        "Eigener Integrationsbeirat",
        "Ein gewähltes Gremium; in der Runde wurde stattdessen ein offenes Forum bevorzugt.",
        ["teilhabe-demokratie"],
        ActionOption.Status.DISCARDED,
    ),
]

RUNNING_OPTIONS = [
    (
        "Jährlicher Bürgerdialog „Was wollen wir werden?“",
        "Offene Dialogabende in Kernstadt und Ortschaften, moderiert, mit Übersetzung.",
        ["teilhabe-demokratie"],
    ),
    (
        "Treffpunkte in neuen Baugebieten mitplanen",
        "Gemeinschaftsräume als feste Vorgabe in der Bauleitplanung.",
        ["wohnen-quartier"],
    ),
    (
        "Willkommensstelle für internationale Fachkräfte",
        "Gemeinsam mit Unternehmen finanziert; berät auch die Familien.",
        ["arbeit-wirtschaft"],
    ),
]


def _stakeholders() -> list[Stakeholder]:
    existing = list(Stakeholder.objects.filter(active=True).order_by("name"))
    if len(existing) >= 8:
        return existing
    for name, kind in FALLBACK_STAKEHOLDERS:
        Stakeholder.objects.get_or_create(name=name, defaults={"kind": kind})
    return list(Stakeholder.objects.filter(active=True).order_by("name"))


def _statement(text: str, rng: random.Random) -> str:
    return text.replace("{ort}", rng.choice(PLACES))


def _interviews(rng, round_, *, count, start, end, officers, stakeholders, districts, held=True):
    contacts = {}
    for person in ContactPerson.objects.filter(consent_withdrawn_on__isnull=True):
        contacts.setdefault(person.stakeholder_id, []).append(person)
    span = max((end - start).days, 1)
    result = []
    for index in range(count):
        day = start + datetime.timedelta(days=int(span * (index + 0.5) / count))
        chosen = rng.sample(stakeholders, k=1 if rng.random() < 0.7 else 2)
        interview = Interview.objects.create(
            round=round_,
            status=Interview.Status.HELD if held else Interview.Status.PLANNED,
            held_on=day,
            format=rng.choice(Interview.Format.values),
            interviewer=rng.choice(officers),
            district=rng.choice(districts),
            notes=rng.choice(NOTES) if held else "",
            summary=rng.choice(SUMMARIES) if held else "",
            confidentiality=rng.choice(Interview.Confidentiality.values),
        )
        interview.stakeholders.set(chosen)
        present = [p for s in chosen for p in contacts.get(s.pk, [])[:1]]
        if held and present:
            interview.contact_persons.set(present)
        result.append(interview)
    return result


def _findings(rng, interviews, statements, sectors):
    findings = []
    for index, (slug, kind, text) in enumerate(statements):
        interview = interviews[index % len(interviews)]
        findings.append(
            Finding(
                interview=interview,
                round=interview.round,
                statement=_statement(text, rng),
                sector=sectors[slug],
                district=interview.district,
                kind=kind,
                assessment=rng.choice(
                    [
                        "",
                        "",
                        "Deckt sich mit mehreren Gesprächen.",
                        "Einzelstimme, beobachten.",
                        "Wichtig für die Ortschaften.",
                        "Dringlich.",
                    ]
                ),
            )
        )
    return Finding.objects.bulk_create(findings)


def _options(round_, specs, sectors, findings, *, status=None):
    for title, description, slugs, *rest in specs:
        option = ActionOption.objects.create(
            round=round_,
            title=title,
            description=description,
            status=status or rest[0],
        )
        option.sectors.set([sectors[slug] for slug in slugs])
        option.findings.set([f for f in findings if f.sector.slug in slugs][:6])


def load(stdout) -> None:
    rng = random.Random(2026)
    today = timezone.localdate()
    officers = list(users_with_role(Role.OFFICER).order_by("email"))
    if not officers:
        stdout.write("Consultations demo: no officer, skipped.")
        return
    stakeholders = _stakeholders()
    sectors = {s.slug: s for s in Sector.objects.all()}
    all_districts = list(District.objects.order_by("position"))
    core = all_districts[0]
    districts = [core, core, core, *all_districts[1:]]
    # The rounds' interviews draw on the same officers, stakeholders and (but for the
    # planned round, which stays in the villages) districts.
    interviews = partial(
        _interviews, rng, officers=officers, stakeholders=stakeholders, districts=districts
    )

    evaluated = ConsultationRound.objects.create(
        title="Gesprächsrunde 2025: Zusammenleben in Peine",
        guiding_question="Wie erleben Sie das Zusammenleben in Peine, und was verändert sich?",
        starts_on=today - datetime.timedelta(days=600),
        ends_on=today - datetime.timedelta(days=420),
        status=ConsultationRound.Status.CLOSED,
        evaluation=EVALUATION,
    )
    evaluated.sectors.set(sectors.values())
    evaluated.districts.set(all_districts)
    held = interviews(evaluated, count=18, start=evaluated.starts_on, end=evaluated.ends_on)
    extra = [s for s in STATEMENTS if "{ort}" in s[2]]
    findings = _findings(rng, held, [*STATEMENTS, *extra, *extra[:3]], sectors)
    _options(evaluated, OPTIONS, sectors, findings)
    summary = services.summary_release(consultation_round=evaluated, user=officers[0])

    running = ConsultationRound.objects.create(
        title="Was wollen wir werden? – Peine 2030",
        guiding_question="Was wollen wir werden?",
        starts_on=today - datetime.timedelta(days=75),
        ends_on=today + datetime.timedelta(days=90),
        status=ConsultationRound.Status.RUNNING,
    )
    running.sectors.set(sectors.values())
    running.districts.set(all_districts)
    held = interviews(
        running, count=14, start=running.starts_on, end=today - datetime.timedelta(days=1)
    )
    interviews(
        running,
        count=4,
        start=today + datetime.timedelta(days=3),
        end=running.ends_on,
        held=False,
    )
    again = rng.sample(STATEMENTS, k=45)
    findings = _findings(rng, held, [*FUTURE_STATEMENTS, *again], sectors)
    _options(running, RUNNING_OPTIONS, sectors, findings, status=ActionOption.Status.OPEN)

    planned = ConsultationRound.objects.create(
        title="Ortschaften im Wandel",
        guiding_question="Wie verändert sich das Leben in den Ortschaften, und wer gehört dazu?",
        starts_on=today + datetime.timedelta(days=120),
        ends_on=today + datetime.timedelta(days=240),
        status=ConsultationRound.Status.PLANNED,
    )
    planned.sectors.set([sectors["wohnen-quartier"], sectors["teilhabe-demokratie"]])
    planned.districts.set(all_districts[1:])
    interviews(
        planned,
        count=3,
        start=planned.starts_on,
        end=planned.starts_on + datetime.timedelta(days=40),
        districts=all_districts[1:],
        held=False,
    )
    stdout.write(
        f"Consultations demo: 3 rounds, {Interview.objects.count()} interviews, "
        f"{Finding.objects.count()} findings, summary version {summary.version} released."
    )
