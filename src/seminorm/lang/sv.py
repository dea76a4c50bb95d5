"""Swedish words: months, weekdays, relative days, field labels, honorifics (see :mod:`seminorm.lang`).

Examples (invented): ``Onsdag 13/9 kl. 11.00–12.30``, ``tisdag 12 mars 2024 kl. 18``,
``Föreläsare: docent Eva Lind (Lunds universitet)``, ``Plats: Sal 3``.
"""

from __future__ import annotations

from . import Vocabulary

VOCABULARY = Vocabulary(
    code="sv",
    months={
        1: ("januari", "jan"),
        2: ("februari", "feb"),
        3: ("mars", "mar"),
        4: ("april", "apr"),
        5: ("maj",),
        6: ("juni", "jun"),
        7: ("juli", "jul"),
        8: ("augusti", "aug"),
        9: ("september", "sep", "sept"),
        10: ("oktober", "okt"),
        11: ("november", "nov"),
        12: ("december", "dec"),
    },
    weekdays={
        0: ("måndag", "mån"),
        1: ("tisdag", "tis"),
        2: ("onsdag", "ons"),
        3: ("torsdag", "tors"),
        4: ("fredag", "fre"),
        5: ("lördag", "lör"),
        6: ("söndag", "sön"),
    },
    wordlike_months=("maj",),
    today=("idag", r"i[ \t]+dag", "ikväll", r"i[ \t]+kväll"),
    tomorrow=("imorgon", r"i[ \t]+morgon"),
    before_weekday=("nästa", "kommande"),
    every_weekday=("varje", "alla"),
    every_other=("annan",),
    zone_names={"svensk tid": "Europe/Stockholm"},
    place_words=("lokal", "sal"),
    chrome_words=(
        r"svenska",  # the language's own name: a page's language switch
        r"s(?:ö|o)k",
        r"skriv\s+ut",
        r"logga\s+in",
        r"l(?:ä|a)s\s+mer",
        r"tillg(?:ä|a)nglighet",
    ),
    speech_verbs=(
        "sa",
        "sade",
        r"s(?:ä|a)ger",
        r"f(?:ö|o)rklarade",
    ),
    talk_columns=("innehåll", "föreläsning", "föredrag"),
    talk_kinds=(
        "föreläsning",
        "föredrag",
        "session",
        "del",
        "seminarium",
    ),
    speaker_cues=(
        r"(?:föreläsning|föredrag|seminarium|presentation)\s+(?:av|med)",
        r"(?:presenteras|hålls|ges)\s+av",
    ),
    speaking_verbs=(
        "talar",
        "föreläser",
        "presenterar",
        r"håller\s+(?:ett\s+)?föredrag",
    ),
    with_words=("med",),
    before_speaker=(
        "av",
        "med",
        "talare",
        "föreläsare",
        "föreläsning",
        "föredrag",
    ),
    labels={
        "title": ("Titel", "Rubrik", "Ämne"),
        "speaker": ("Föreläsare", "Talare", "Föredragshållare", "Gästföreläsare"),
        "date": ("Datum",),
        "time": ("Tid",),
        "when": ("När",),
        "place": ("Plats", "Lokal", "Sal", "Var", "Adress"),
        "abstract": ("Sammanfattning", "Abstrakt"),
        "series": ("Serie", "Seminarieserie"),
        "host": ("Arrangör", "Arrangörer", "Moderator", "Värd", "Kontaktperson"),
        "online": ("Länk",),
        "passcode": ("Lösenord",),
        "bio": ("Om föreläsaren",),
        "duration": ("Längd",),
        "registration": ("Anmälan", "Anmäl dig"),
    },
    honorifics=(r"docent", r"prof\.?", r"dr\.?"),
    refreshment_words=(
        "kaffe",
        "fika",
    ),
    room_words=(
        "lokal",
        "sal",
        r"h[öo]rsal",
        "byggnad",
    ),
    conjunctions=("och",),
    talk_nouns=(
        "föreläsning",
        "föredrag",
        "seminarium",
    ),
    place_prepositions=("i", "på"),
    sentence_verbs=(
        "är",
        "blir",
        "hålls",
    ),
    title_cues=("om",),
    clause_words=(
        "där",
        "som",
        "för",
        "med",
        "från",
    ),
    origin_words=(
        "vid",
        "från",
    ),
    by_words=("av",),
)
