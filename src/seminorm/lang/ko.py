"""Korean words (partial): day parts, weekdays after a date, zone names, labels (see :mod:`seminorm.lang`).

Dates and times are numbers with 년월일 and 시분 (patterns in ``rules/cjk.py``);
these are the words around them. Examples (invented): ``2024년 3월 8일 (금) 오후 3시``,
``일시: 2024. 3. 14.(목) 오전 10시 30분 ~ 12시``.
"""

from __future__ import annotations

from . import Vocabulary

VOCABULARY = Vocabulary(
    code="ko",
    partial=True,
    day_parts={"오전": "am", "아침": "am", "오후": "pm", "저녁": "pm", "밤": "pm", "낮": "pm"},
    bracket_weekdays={
        "월": 0,
        "화": 1,
        "수": 2,
        "목": 3,
        "금": 4,
        "토": 5,
        "일": 6,
        "월요일": 0,
        "화요일": 1,
        "수요일": 2,
        "목요일": 3,
        "금요일": 4,
        "토요일": 5,
        "일요일": 6,
    },
    zone_names={"한국 시간": "Asia/Seoul", "한국시간": "Asia/Seoul"},
    labels={
        "title": ("제목", "강연 제목", "발표 제목"),
        "speaker": ("연사", "강연자", "발표자", "강사", "연자", "발제자"),
        "date": ("날짜",),
        "time": ("시간",),
        "when": ("일시",),
        "place": ("장소",),
        "abstract": ("초록", "요약", "개요"),
        "host": ("사회", "주최", "문의"),
        "affiliation": ("소속",),
    },
    name_suffixes=(
        "부교수",
        "조교수",
        "교수님",
        "교수",
        "박사님",
        "박사",
        "연구원",
        "선생님",
        "님",
    ),
    talk_words=("강연", "발표", "강의", "세미나", "특강"),
    org_endings=(
        "기술원",
        "과학원",
        "대학교",
        "대학원",
        "대학",
        "연구소",
        "연구원",
        "연구센터",
        "센터",
        "병원",
        "학과",
    ),
)
