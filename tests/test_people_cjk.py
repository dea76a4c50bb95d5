"""Speakers as Japanese, Chinese and Korean announcements name them (invented examples)."""

from __future__ import annotations

import pytest

from seminorm import parse
from seminorm.model import Speaker
from seminorm.rules.people import find_speaker_in_prose, parse_people
from seminorm.rules.people_cjk import cjk_name, find_cjk_speakers, parse_cjk_people


@pytest.mark.parametrize(
    ("slot", "expected"),
    [
        ("李明 教授（北京大学）", [Speaker(name="李明", affiliation="北京大学")]),
        ("山田 太郎（東京大学）", [Speaker(name="山田 太郎", affiliation="東京大学")]),
        ("서울대학교 김민수 교수", [Speaker(name="김민수", affiliation="서울대학교")]),
        ("山田太郎氏、鈴木花子氏", [Speaker(name="山田太郎"), Speaker(name="鈴木花子")]),
        ("王小红", [Speaker(name="王小红")]),
        ("세미나 안내", []),
    ],
)
def test_a_slot_of_cjk_names(slot: str, expected: list[Speaker]) -> None:
    assert parse_cjk_people(slot) == expected


def test_a_line_needs_a_title_or_an_institution() -> None:
    """Read as a line (not a slot), a few Han characters are no one's name without one."""
    assert parse_people("量子計算") == []
    assert parse_people("세미나 안내") == []
    assert parse_people("李明 教授（北京大学）") == [Speaker(name="李明", affiliation="北京大学")]
    assert parse_people("Ada Quill（東京大学）") == [
        Speaker(name="Ada Quill", affiliation="東京大学")
    ]


@pytest.mark.parametrize(
    ("text", "name", "affiliation"),
    [
        ("講師に東京大学の山田太郎氏を迎え、ご講演いただきます。", "山田太郎", "東京大学"),
        ("山田花子先生（京都大学）による講演を開催します。", "山田花子", "京都大学"),
        ("本次讲座由北京大学李明教授主讲。", "李明", "北京大学"),
        ("我们很荣幸邀请到清华大学王小红副教授作学术报告。", "王小红", "清华大学"),
        ("서울대학교 김민수 교수가 양자 컴퓨팅을 주제로 강연합니다.", "김민수", "서울대학교"),
        ("김은지 박사(한국과학기술원)의 특강이 있습니다.", "김은지", "한국과학기술원"),
    ],
)
def test_a_speaker_in_cjk_prose(text: str, name: str, affiliation: str) -> None:
    assert find_speaker_in_prose(text) == [Speaker(name=name, affiliation=affiliation)]


def test_a_titled_name_outside_a_talk_sentence_is_no_speaker() -> None:
    assert find_cjk_speakers("主持人：张伟教授。欢迎参加。") == []
    assert find_cjk_speakers("会場は東京大学本郷キャンパスです。") == []
    assert not cjk_name("北京大学")


@pytest.mark.parametrize(
    ("text", "name", "affiliation"),
    [
        (
            "量子計算セミナー\n日時：2025年3月8日（土）14:00〜15:30\n講演者：山田 太郎（東京大学）\n"
            "場所：理学部1号館 201号室\n",
            "山田 太郎",
            "東京大学",
        ),
        (
            "学术报告\n报告题目：深度学习的几何\n报告人：李明 教授（北京大学）\n"
            "时间：2025年3月8日 14:00-15:30\n地点：理科楼 A201\n",
            "李明",
            "北京大学",
        ),
        (
            "세미나 안내\n제목: 양자 컴퓨팅의 미래\n연사: 김민수 교수 (서울대학교)\n"
            "일시: 2025년 3월 8일 오후 3시\n장소: 자연과학관 201호\n",
            "김민수",
            "서울대학교",
        ),
        (
            "理学部談話会のお知らせ\n\n2025年5月14日（水）15:00〜16:30、理学部1号館201号室にて、"
            "京都大学の鈴木花子准教授による講演を行います。\n演題：「結び目と量子群」\n",
            "鈴木花子",
            "京都大学",
        ),
        (
            "学术讲座通知\n\n我们将于2025年5月14日下午3点在理科楼A201举办学术讲座，"
            "由清华大学王小红副教授主讲。\n题目：拓扑与量子\n",
            "王小红",
            "清华大学",
        ),
        (
            "콜로퀴엄 안내\n\n2025년 5월 14일 오후 3시, 자연과학관 201호에서 한국과학기술원 "
            "이서연 교수가 위상수학을 주제로 강연합니다.\n",
            "이서연",
            "한국과학기술원",
        ),
    ],
)
def test_cjk_announcements_name_their_speaker(text: str, name: str, affiliation: str) -> None:
    (ev,) = parse(text.encode(), reference_date="2025-01-01")
    assert [(s.name, s.affiliation) for s in ev.speakers] == [(name, affiliation)]
