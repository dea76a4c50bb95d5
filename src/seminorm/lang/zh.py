"""Chinese words (partial): day parts, weekdays after a date, zone names, labels (see :mod:`seminorm.lang`).

Dates and times are numbers (or Chinese numerals) with 年月日 and 点/时/分
(patterns in ``rules/cjk.py``); these are the words around them. Examples
(invented): ``2024年3月8日 晚上八点到九点（北京时间）``, ``时间：9月18日（周日）下午3点半``.
"""

from __future__ import annotations

from . import Vocabulary

VOCABULARY = Vocabulary(
    code="zh",
    partial=True,
    day_parts={
        "上午": "am",
        "早上": "am",
        "早晨": "am",
        "凌晨": "am",
        "下午": "pm",
        "中午": "pm",
        "晚上": "pm",
        "傍晚": "pm",
        "晚": "pm",
    },
    bracket_weekdays={
        "周一": 0,
        "周二": 1,
        "周三": 2,
        "周四": 3,
        "周五": 4,
        "周六": 5,
        "周日": 6,
        "周天": 6,
        "週一": 0,
        "週二": 1,
        "週三": 2,
        "週四": 3,
        "週五": 4,
        "週六": 5,
        "週日": 6,
        "星期一": 0,
        "星期二": 1,
        "星期三": 2,
        "星期四": 3,
        "星期五": 4,
        "星期六": 5,
        "星期日": 6,
        "星期天": 6,
        "礼拜一": 0,
        "礼拜二": 1,
        "礼拜三": 2,
        "礼拜四": 3,
        "礼拜五": 4,
        "礼拜六": 5,
        "礼拜日": 6,
        "礼拜天": 6,
    },
    zone_names={
        "北京时间": "Asia/Shanghai",
        "北京時間": "Asia/Shanghai",
        "中国时间": "Asia/Shanghai",
        "台北时间": "Asia/Taipei",
        "台北時間": "Asia/Taipei",
        "香港时间": "Asia/Hong_Kong",
        "香港時間": "Asia/Hong_Kong",
        "东京时间": "Asia/Tokyo",
        "日本时间": "Asia/Tokyo",
        "韩国时间": "Asia/Seoul",
    },
    labels={
        "title": ("题目", "報告題目", "报告题目", "讲座题目", "標題", "主题"),
        "speaker": ("报告人", "報告人", "主讲人", "主講人", "讲者", "講者", "演讲者"),
        "date": ("日期",),
        "time": ("时间", "時間"),
        "when": ("报告时间", "讲座时间"),
        "place": ("地点", "地點", "报告地点", "讲座地点"),
        "abstract": ("摘要", "报告摘要", "内容简介"),
        "host": ("主持人", "邀请人", "联系人"),
        "bio": ("报告人简介", "个人简介"),
    },
)
