"""Japanese words (partial): day parts, weekdays after a date, zone names, labels (see :mod:`seminorm.lang`).

Dates and times are numbers with 年月日 and 時分 (patterns in ``rules/cjk.py``);
these are the words around them. Examples (invented): ``2024年3月8日（金）14:00〜``,
``11月23日(火・祝)12:00〜16:00``, ``日時：3月8日(金) 午後2時30分から``.
"""

from __future__ import annotations

from . import Vocabulary

VOCABULARY = Vocabulary(
    code="ja",
    partial=True,
    day_parts={"午前": "am", "朝": "am", "午後": "pm", "夕方": "pm", "夜": "pm"},
    bracket_weekdays={"月": 0, "火": 1, "水": 2, "木": 3, "金": 4, "土": 5, "日": 6},
    zone_names={"日本時間": "Asia/Tokyo"},
    labels={
        "title": ("演題", "題目", "タイトル"),
        "speaker": ("講師", "講演者", "発表者", "登壇者", "演者", "スピーカー"),
        "date": ("日付", "開催日"),
        "time": ("時間",),
        "when": ("日時", "開催日時"),
        "place": ("場所", "会場"),
        "abstract": ("概要", "要旨"),
        "host": ("司会", "主催", "世話人"),
        "affiliation": ("所属",),
        "registration": ("申込", "参加申込"),
    },
    name_suffixes=(
        "特任准教授",
        "特任教授",
        "名誉教授",
        "准教授",
        "助教授",
        "教授",
        "助教",
        "博士",
        "先生",
        "さん",
        "氏",
        "様",
    ),
    talk_words=("講演", "発表", "講義", "セミナー", "話題提供", "お話"),
    org_endings=(
        "大学院",
        "大学",
        "研究所",
        "研究科",
        "研究院",
        "研究センター",
        "センター",
        "学部",
        "学科",
        "株式会社",
        "機構",
        "病院",
        "高専",
    ),
)
