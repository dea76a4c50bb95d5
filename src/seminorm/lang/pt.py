"""Portuguese words: months, weekdays, relative days, field labels, honorifics (see :mod:`seminorm.lang`).

Examples (invented): ``quinta-feira, 7 de março de 2024, às 13h30``,
``Palestrante: Profa. Ana Souza (Universidade Federal)``, ``Local: Auditório 2``.
"""

from __future__ import annotations

from . import Vocabulary

VOCABULARY = Vocabulary(
    code="pt",
    months={
        1: ("janeiro", "jan"),
        2: ("fevereiro", "fev"),
        3: ("março", "marco", "mar"),
        4: ("abril", "abr"),
        5: ("maio", "mai"),
        6: ("junho", "jun"),
        7: ("julho", "jul"),
        8: ("agosto", "ago"),
        9: ("setembro", "set"),
        10: ("outubro", "out"),
        11: ("novembro", "nov"),
        12: ("dezembro", "dez"),
    },
    weekdays={
        0: ("segunda-feira", "segunda", "seg"),
        1: ("terça-feira", "terca-feira", "terça", "terca", "ter"),
        2: ("quarta-feira", "quarta", "qua"),
        3: ("quinta-feira", "quinta", "qui"),
        4: ("sexta-feira", "sexta", "sex"),
        5: ("sábado", "sabado", "sáb", "sab"),
        6: ("domingo", "dom"),
    },
    wordlike_months=("set", "out", "ago"),
    today=("hoje", r"esta[ \t]+(?:tarde|noite|manhã)"),
    tomorrow=("amanhã", "amanha"),
    before_weekday=("próxima", "proxima", "próximo", "proximo", "nesta", "neste"),
    every_weekday=(r"todas[ \t]+as", r"todos[ \t]+os", "cada", "às", "aos"),
    hour_words=("horas",),
    zone_time_before=("hora",),
    zone_time_linkers=("de",),
    zone_names={
        "hora de brasília": "America/Sao_Paulo",
        "horário de brasília": "America/Sao_Paulo",
        "hora de lisboa": "Europe/Lisbon",
        "horário de lisboa": "Europe/Lisbon",
        "hora de portugal": "Europe/Lisbon",
    },
    labels={
        "title": ("Título", "Titulo", "Tema", "Título da palestra"),
        "speaker": (
            "Palestrante",
            "Palestrantes",
            "Conferencista",
            "Conferencistas",
            "Ministrante",
            "Expositor",
            "Expositora",
            "Convidado",
            "Convidada",
        ),
        "date": ("Data",),
        "time": ("Horário", "Horario", "Hora"),
        "when": ("Quando", "Data e hora"),
        "place": ("Local", "Onde", "Sala", "Auditório", "Endereço"),
        "abstract": ("Resumo",),
        "series": ("Ciclo", "Série"),
        "host": (
            "Organização",
            "Organizador",
            "Organizadora",
            "Coordenação",
            "Mediação",
            "Mediador",
            "Mediadora",
        ),
        "online": ("Transmissão", "Link da transmissão"),
        "meeting_id": ("ID da reunião",),
        "passcode": ("Senha",),
        "affiliation": ("Instituição", "Afiliação"),
        "bio": ("Biografia", "Minicurrículo"),
        "duration": ("Duração",),
        "registration": ("Inscrições", "Inscrição"),
    },
    honorifics=(r"profa\.?", r"prof\.ª", r"profª", r"dra\.?", r"drª", r"sra\.?", r"sr\.?"),
)
