"""Dutch words: months, weekdays, relative days, field labels, honorifics (see :mod:`seminorm.lang`).

Examples (invented): ``donderdag 7 maart 2024 om 15.30 uur``,
``Spreker: dr. Jan de Vries (Universiteit Leiden)``, ``Locatie: Zaal 2``.
"""

from __future__ import annotations

from . import Vocabulary

VOCABULARY = Vocabulary(
    code="nl",
    months={
        1: ("januari", "jan"),
        2: ("februari", "feb"),
        3: ("maart", "mrt"),
        4: ("april", "apr"),
        5: ("mei",),
        6: ("juni", "jun"),
        7: ("juli", "jul"),
        8: ("augustus", "aug"),
        9: ("september", "sep", "sept"),
        10: ("oktober", "okt"),
        11: ("november", "nov"),
        12: ("december", "dec"),
    },
    weekdays={
        0: ("maandag",),
        1: ("dinsdag",),
        2: ("woensdag",),
        3: ("donderdag",),
        4: ("vrijdag",),
        5: ("zaterdag",),
        6: ("zondag",),
    },
    wordlike_months=("mei",),
    today=("vandaag", "vanavond", r"deze[ \t]+(?:middag|avond|ochtend)"),
    tomorrow=(),
    before_weekday=("volgende", "aanstaande", "komende"),
    every_weekday=("elke", "iedere"),
    hour_words=("uur",),
    zone_names={"nederlandse tijd": "Europe/Amsterdam", "belgische tijd": "Europe/Brussels"},
    place_words=("zaal", "gebouw"),
    chrome_words=(
        r"nederlands",  # the language's own name: a page's language switch
        "zoeken",
        "afdrukken",
        "inloggen",
        r"lees\s+meer",
        "toegankelijkheid",
    ),
    speech_verbs=(
        "zei",
        "zegt",
        r"legde\s+uit",
        "aldus",
    ),
    talk_columns=("inhoud", "lezing", "presentatie"),
    talk_kinds=(
        "lezing",
        "sessie",
        "voordracht",
        "deel",
        "college",
    ),
    speaker_cues=(
        r"(?:lezing|voordracht|presentatie|gastcollege)\s+(?:door|van)",
        r"(?:gegeven|verzorgd|gepresenteerd)\s+door",
    ),
    speaking_verbs=(
        "spreekt",
        r"zal\s+spreken",
        "presenteert",
    ),
    with_words=("met",),
    before_speaker=(
        "door",
        "met",
        "spreker",
        "lezing",
        "voordracht",
        "auteur",
    ),
    labels={
        "title": ("Titel", "Onderwerp"),
        "speaker": ("Spreker", "Sprekers", "Spreekster", "Gastspreker"),
        "date": ("Datum",),
        "time": ("Tijd", "Tijdstip", "Aanvang"),
        "when": ("Wanneer", "Datum en tijd"),
        "place": ("Locatie", "Plaats", "Zaal", "Waar", "Adres"),
        "abstract": ("Samenvatting",),
        "series": ("Reeks", "Lezingenreeks"),
        "host": ("Organisatie", "Voorzitter", "Gespreksleider", "Gastheer", "Gastvrouw"),
        "online": ("Livestream",),
        "meeting_id": ("Vergadering-ID",),
        "passcode": ("Wachtwoord", "Toegangscode"),
        "affiliation": ("Instelling",),
        "bio": ("Biografie",),
        "duration": ("Duur",),
        "registration": ("Aanmelden", "Inschrijving", "Aanmelding"),
    },
    honorifics=(r"prof\.?", r"dr\.?", r"drs\.?", r"ir\.?", r"dhr\.?", r"mevr\.?"),
    refreshment_words=(
        "koffie",
        "borrel",
    ),
    room_words=(
        "zaal",
        "collegezaal",
        "gebouw",
    ),
    conjunctions=("en",),
    talk_nouns=(
        "lezing",
        "voordracht",
        "seminarie",
    ),
    place_prepositions=("in", "op"),
    sentence_verbs=(
        "is",
        "wordt",
        "vindt",
    ),
    title_cues=(
        "over",
        "getiteld",
    ),
    clause_words=(
        "waar",
        "die",
        "voor",
        "met",
        "vanaf",
    ),
    origin_words=("van",),
    by_words=("door",),
)
