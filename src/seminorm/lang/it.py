"""Italian words: months, weekdays, relative days, field labels, honorifics (see :mod:`seminorm.lang`)."""

from __future__ import annotations

from . import Vocabulary

VOCABULARY = Vocabulary(
    code="it",
    months={
        1: ("gennaio", "gen"),
        2: ("febbraio", "feb"),
        3: ("marzo", "mar"),
        4: ("aprile", "apr"),
        5: ("maggio",),
        6: ("giugno", "giu"),
        7: ("luglio", "lug"),
        8: ("agosto",),
        9: ("settembre",),
        10: ("ottobre", "ott"),
        11: ("novembre", "nov"),
        12: ("dicembre", "dic"),
    },
    weekdays={
        0: ("lunedì", "lunedi", "lun"),
        1: ("martedì", "martedi", "mar"),
        2: ("mercoledì", "mercoledi", "mer"),
        3: ("giovedì", "giovedi", "gio"),
        4: ("venerdì", "venerdi", "ven"),
        5: ("sabato",),
        6: ("domenica", "dom"),
    },
    today=("oggi", "stasera"),
    tomorrow=("domani",),
    before_weekday=("questo", "prossimo"),
    after_weekday=("prossimo",),
    every_weekday=("ogni", r"tutti[ \t]+i", r"tutte[ \t]+le"),
    room_words=("aula", r"aula\s+magna", "sala", "biblioteca", "stanza"),
    online_words=(r"a\s+distanza",),
    zone_time_before=("ora",),
    zone_time_linkers=("di",),
    labels={
        "title": (
            "Titolo",
            "Titolo del seminario",
            "Tema",
            "Titolo della tesi",
        ),
        "speaker": (
            "Relatore",
            "Relatrice",
            "Relatori",
            "Presenta",
            "Interviene",
            "Intervengono",
            "Dottorando",
            "Dottoranda",
        ),
        "date": (
            "Data",
            "Giorno",
        ),
        "time": (
            "Ora",
            "Orario",
        ),
        "when": (
            "Quando",
            "Data e ora",
        ),
        "place": (
            "Luogo",
            "Aula",
            "Sede",
            "Dove",
            "Indirizzo",
            "Sala",
            "In presenza",
        ),
        "abstract": (
            "Riassunto",
            "Sommario",
            "Descrizione",
        ),
        "series": (
            "Ciclo",
            "Serie",
        ),
        "host": (
            "Organizzatore",
            "Organizzatori",
            "Organizzato da",
            "Referente",
            "Coordina",
            "Modera",
            "Presidente",
        ),
        "online": ("Collegamento",),
        "meeting_id": ("ID riunione",),
        "passcode": ("Codice d'accesso",),
        "affiliation": ("Affiliazione",),
        "bio": ("Biografia",),
        "duration": ("Durata",),
        "registration": (
            "Iscrizione",
            "Iscrizioni",
        ),
    },
    honorifics=(
        r"prof\.ssa\.?",
        r"prof\.?",
        r"dott(?:\.ssa|ssa)?\.?",
        r"ing\.?",
    ),
)
