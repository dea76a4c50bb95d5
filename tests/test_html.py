"""HTML pages: text with block structure, links, structured data, charsets."""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seminorm.context import Context
from seminorm.detect import Format, detect
from seminorm.errors import ParseError, SeminormError
from seminorm.model import Event, Speaker
from seminorm.readers import Hints
from seminorm.readers.html import html_to_text, parse_html
from seminorm.readers.structured import settle_zones, structured_events

FIXTURES = Path(__file__).parent / "fixtures" / "html"
ZURICH = ZoneInfo("Europe/Zurich")


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def text_of(name: str, base: str | None = "https://math.example.org/events/42") -> str:
    return html_to_text(fixture(name).decode("utf-8"), base)[0]


@dataclass
class Recorder:
    """Stands in for ``parse_text``."""

    result: list[Event] = field(default_factory=list)
    fail: bool = False
    calls: list[tuple[str, Hints]] = field(default_factory=list)

    def __call__(self, text: str, ctx: Context, hints: Hints | None = None) -> list[Event]:
        assert hints is not None
        self.calls.append((text, hints))
        if self.fail:
            raise ParseError("no date or time found")
        return list(self.result)


@pytest.fixture
def rec(monkeypatch: pytest.MonkeyPatch) -> Recorder:
    r = Recorder(result=[Event(title="stub", start=datetime(2021, 5, 4, 16, 15))])
    monkeypatch.setattr("seminorm.engine.parse_text", r)
    return r


# -- html_to_text -------------------------------------------------------------


def test_page_chrome_is_dropped() -> None:
    text = text_of("seminar_page.html")
    for gone in ("Home", "People", "Search", "tracking", "Upcoming", "May 11", "©", "JavaScript"):
        assert gone not in text
    assert text.startswith("Random matrices and deep networks\n\nApplied Mathematics Colloquium")
    assert "Posted by the seminar office" in text  # an article's own footer stays


def test_definition_lists_entities_and_spaces() -> None:
    text = text_of("seminar_page.html")
    assert "Speaker: Prof. Jane Doe (ETH Zürich)\nDate: Tuesday, May 4, 2021\n" in text
    assert "Time: 16:15 – 17:15 CEST" in text  # &nbsp; and &ndash;
    assert "Place: HG G 19.1" in text
    assert "We study the spectra of weight matrices in trained networks.\nJoint work" in text


def test_links_are_kept_in_the_text_and_collected() -> None:
    text, links = html_to_text(fixture("seminar_page.html").decode(), None)
    assert (
        "Join the Zoom meeting <https://ethz.zoom.us/j/91234567890?pwd=abc123> (passcode 314159)"
        in text
    )
    assert "Slides: https://example.org/slides.pdf\n" in text + "\n"  # no repeat of a shown URL
    assert links == [
        ("Join the Zoom meeting", "https://ethz.zoom.us/j/91234567890?pwd=abc123"),
        ("Bob Roe", "https://example.org/~bob"),
        ("https://example.org/slides.pdf", "https://example.org/slides.pdf"),
    ]


def test_relative_links_resolved_against_base() -> None:
    text, links = html_to_text('<p><a href="talks/1.html">Abstract</a></p>', "https://a.org/s/")
    assert links == [("Abstract", "https://a.org/s/talks/1.html")]
    assert text == "Abstract <https://a.org/s/talks/1.html>"
    text, links = html_to_text('<p><a href="talks/1.html">Abstract</a></p>')
    assert text == "Abstract"
    assert links == [("Abstract", "talks/1.html")]


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ('<a href="mailto:ann@x.org">ann@x.org</a>', "ann@x.org"),
        ('<a href="mailto:ann@x.org">Ann</a>', "Ann <mailto:ann@x.org>"),
        ('<a href="https://x.org/">https://x.org</a>', "https://x.org"),
        ('<a href="https://zoom.us/j/1"><img src="join.png"></a>', "<https://zoom.us/j/1>"),
        ('<a href="https://x.org/logo"><img src="logo.png"></a>', ""),
        ('<a href="javascript:void(0)">Menu</a>', "Menu"),
        ('<a href="#top">Top</a>', "Top"),
    ],
)
def test_anchor_forms(html: str, text: str) -> None:
    assert html_to_text(html)[0] == text


def test_table_with_header_row_gives_labeled_blocks() -> None:
    text = text_of("schedule_table.html")
    assert (
        "Date: March 1, 2021\nSpeaker: Marie Curie (Paris-Saclay)\n"
        "Title: Primes in short intervals <https://math.example.org/events/abstracts/curie.html>\n"
        "\nDate: March 8, 2021\nSpeaker: Ada Byron\nTitle: Elliptic curves of rank two\n"
    ) in text
    assert "Date | Speaker" not in text


def test_table_rows_without_header() -> None:
    html = "<table><tr><td>May 4</td><td>Ann<br>MIT</td><td></td><td>Knots</td></tr></table>"
    assert html_to_text(html)[0] == "May 4 | Ann, MIT | Knots"


def test_key_value_table() -> None:
    html = (
        "<table><tr><th>Speaker</th><td>Ann</td></tr><tr><td>Room:</td><td>B 101</td></tr></table>"
    )
    assert html_to_text(html)[0] == "Speaker: Ann\nRoom: B 101"


def test_layout_table_and_menu_cell() -> None:
    text = text_of("layout_table.html")
    assert text == ("Logic Colloquium\n\nSpeaker: Kurt Gödel (IAS)\n\nFriday, 7 May 2021, 4:00 pm")


def test_lists_headings_pre_and_rules() -> None:
    html = (
        "<h2>Talks</h2><ul><li>One <b>bold</b></li><li></li><li>Two</li></ul><hr>"
        "<pre>  a   b\n  c</pre><p>x<sup>th</sup> y</p>"
    )
    assert html_to_text(html)[0] == "Talks\n\n- One bold\n- Two\n\n  a   b\n  c\n\nxth y"


def test_chrome_inside_article_is_kept() -> None:
    html = (
        "<header>Site</header><article><header><h1>Talk</h1></header>"
        "<aside>Bio: Ann</aside></article><footer>Footer</footer>"
    )
    assert html_to_text(html)[0] == "Talk\n\nBio: Ann"


def test_role_navigation_and_aria_hidden() -> None:
    html = '<div role="navigation">Menu</div><span aria-hidden="true">x</span><p>Talk</p>'
    assert html_to_text(html)[0] == "Talk"


def test_deep_nesting_does_not_overflow() -> None:
    html = "<div>" * 50_000 + "Talk at 4pm" + "</div>" * 50_000
    assert html_to_text(html)[0] == "Talk at 4pm"


@pytest.mark.slow
def test_long_line_is_fast() -> None:
    text, _ = html_to_text("<p>" + "word " * 400_000 + "</p>")
    assert len(text) == len("word " * 400_000) - 1


# -- structured data ----------------------------------------------------------


def test_json_ld_event() -> None:
    (ev,) = structured_events(fixture("jsonld.html").decode())
    assert ev.title == "Quantum error correction with cat qubits"
    assert ev.series == "Physics Colloquium"
    assert ev.speakers == (Speaker(name="Zaki Leghtas", affiliation="Mines ParisTech"),)
    assert ev.start == datetime(2021, 6, 3, 16, tzinfo=timezone(timedelta(hours=2)))
    assert ev.end == datetime(2021, 6, 3, 17, tzinfo=timezone(timedelta(hours=2)))
    assert ev.location is not None
    assert ev.location.name == "Auditorium A"
    assert ev.location.address == "Rue de la Physique 1, 1015, Lausanne, CH"
    assert ev.online is not None
    assert (ev.online.platform, ev.online.url) == ("zoom", "https://epfl.zoom.us/j/61234567890")
    assert ev.organizer is not None
    assert ev.organizer.email == "events@physics.example.edu"
    assert ev.abstract is not None
    assert "coherent states & are" in ev.abstract
    assert ev.provenance["start"].rule == "structured"


def test_json_ld_with_tz_that_matches() -> None:
    (ev,) = structured_events(fixture("jsonld.html").decode(), tz="Europe/Zurich")
    (ev,) = settle_zones([ev], [], "Europe/Zurich", "")
    assert ev.timezone == "Europe/Zurich"
    assert ev.start == datetime(2021, 6, 3, 16, tzinfo=ZURICH)


def test_json_ld_shapes() -> None:
    html = """<script type="application/ld+json">
    [{"@type": "ItemList", "itemListElement": [
        {"@type": "ListItem", "item": {"@type": "http://schema.org/BusinessEvent",
         "name": "A &amp; B", "startDate": "2021-07-01", "eventStatus": "EventCancelled"}}]},
     {"@type": "EventSeries", "name": "Series X", "subEvent": [
        {"@type": "Event", "name": "Part 1", "startDate": "2021-07-02T10:00:00Z",
         "performer": ["Ann Lee", {"name": "Bo Chen", "worksFor": {"name": "MIT"}}]}]},
     {"@type": "Event", "name": "Trailing comma", "startDate": "2021-07-03T10:00",}]
    </script>"""
    evs = structured_events(html)
    assert [e.title for e in evs] == ["A & B", "Part 1", "Trailing comma"]
    assert evs[0].all_day
    assert evs[0].start == date(2021, 7, 1)
    assert evs[0].status == "cancelled"
    assert evs[1].series == "Series X"
    assert [(s.name, s.affiliation) for s in evs[1].speakers] == [
        ("Ann Lee", None),
        ("Bo Chen", "MIT"),
    ]
    assert evs[2].start == datetime(2021, 7, 3, 10)


@pytest.mark.parametrize(
    "junk",
    [
        "{",
        "[]",
        '{"@type": "Event"}',
        '{"@type": "Event", "startDate": "yesterday"}',
        '{"@type": "Event", "name": {"x": 1}, "startDate": 5, "location": 7}',
        "[" * 10_000 + "]" * 10_000,
        '{"a":' * 5000 + "1" + "}" * 5000,
    ],
)
def test_json_ld_junk(junk: str) -> None:
    evs = structured_events(f'<script type="application/ld+json">{junk}</script>')
    assert all(isinstance(e, Event) for e in evs)


def test_microdata() -> None:
    (ev,) = structured_events(fixture("microdata.html").decode())
    assert ev.title == "Topology of data"
    assert ev.speakers == (Speaker(name="Gunnar Carlsson"),)
    assert ev.start == datetime(2021, 6, 10, 14)
    assert ev.end == datetime(2021, 6, 10, 15)
    assert ev.location is not None
    assert ev.location.name == "Room 380-C"
    assert ev.status == "cancelled"


def test_h_event() -> None:
    (ev,) = structured_events(fixture("hevent.html").decode())
    assert ev.title == "Bayesian nonparametrics"
    assert ev.start == datetime(2021, 6, 15, 11, tzinfo=UTC)
    assert ev.location is not None
    assert ev.location.name == "Lecture Theatre 1"
    assert ev.abstract == "An introduction to Dirichlet processes."
    assert [link.url for link in ev.links] == ["https://stats.example.ac.uk/talks/bnp"]


def test_the_same_event_in_two_vocabularies_is_kept_once() -> None:
    html = (
        '<script type="application/ld+json">{"@type":"Event","name":"Knots",'
        '"startDate":"2021-06-15T11:00:00Z"}</script>'
        '<div class="h-event"><span class="p-name">Knots</span>'
        '<time class="dt-start" datetime="2021-06-15T13:00:00+02:00">x</time></div>'
    )
    assert len(structured_events(html)) == 1


def test_settle_zones() -> None:
    plus2 = timezone(timedelta(hours=2))
    st = Event(start=datetime(2021, 6, 3, 16, tzinfo=plus2), title="x")
    paris = ZoneInfo("Europe/Paris")
    text_ev = Event(start=datetime(2021, 6, 3, 16, tzinfo=paris), timezone="Europe/Paris")
    (ev,) = settle_zones([st], [text_ev], None, "")
    assert ev.timezone == "Europe/Paris"
    (ev,) = settle_zones([st], [], None, "")
    assert ev.timezone == "UTC"
    assert ev.start == datetime(2021, 6, 3, 14, tzinfo=ZoneInfo("UTC"))
    assert [w.code for w in ev.warnings] == ["tz-inferred"]
    (ev,) = settle_zones([Event(start=datetime(2021, 6, 3, 16))], [], None, "")
    assert ev.timezone is None
    assert [w.code for w in ev.warnings] == ["tz-missing"]
    (ev,) = settle_zones([Event(start=datetime(2021, 6, 3, 16))], [], "Asia/Tokyo", "")
    assert ev.start == datetime(2021, 6, 3, 16, tzinfo=ZoneInfo("Asia/Tokyo"))
    assert ev.warnings == ()


@pytest.mark.skipif(
    importlib.util.find_spec("seminorm.rules.zones") is None, reason="zone rules not there yet"
)
def test_floating_structured_start_takes_the_zone_of_its_place() -> None:
    from seminorm.model import Location

    st = Event(start=datetime(2021, 6, 3, 16), location=Location(name="Aula, Lausanne"))
    (ev,) = settle_zones([st], [], None, "")
    assert ev.start == datetime(2021, 6, 3, 16, tzinfo=ZURICH)
    assert [w.code for w in ev.warnings] == ["tz-inferred"]
    assert "Lausanne" in ev.warnings[0].message


# -- parse_html ---------------------------------------------------------------


def test_parse_html_hints(rec: Recorder, ctx: Context) -> None:
    parse_html(fixture("seminar_page.html"), ctx)
    text, hints = rec.calls[0]
    assert hints.title == "Random matrices and deep networks"
    assert hints.format == "html"
    assert hints.structured == ()
    assert ("Bob Roe", "https://example.org/~bob") in hints.links
    assert text.startswith("Random matrices")


def test_og_title_preferred(rec: Recorder, ctx: Context) -> None:
    parse_html(fixture("jsonld.html"), ctx)
    assert rec.calls[0][1].title == "Quantum error correction with cat qubits"


def test_windows_1252_declared_by_meta(rec: Recorder, ctx: Context) -> None:
    parse_html(fixture("cp1252_meta.html"), ctx)
    text, hints = rec.calls[0]
    assert "Referent: Prof. Jürg Fröhlich (ETH Zürich)" in text
    assert "Titel: „Größen und Maße“" in text
    assert hints.title == "Kolloquium"


def test_utf16_with_bom(rec: Recorder, ctx: Context) -> None:
    data = fixture("utf16_bom.html")
    assert detect(data) is Format.HTML
    parse_html(data, ctx)
    text, hints = rec.calls[0]
    assert text.startswith("סמינר במתמטיקה\n\nSpeaker: Noga Alon")
    assert hints.title == "סמינר"


def test_structured_events_stand_alone(rec: Recorder, ctx: Context) -> None:
    rec.fail = True
    (ev,) = parse_html(fixture("hevent.html"), ctx)
    assert ev.title == "Bayesian nonparametrics"
    assert ev.timezone == "UTC"
    assert ev.source.format == "html"


def test_no_event_anywhere(rec: Recorder, ctx: Context) -> None:
    rec.fail = True
    with pytest.raises(ParseError, match="no date or time found"):
        parse_html(b"<html><body><p>Nothing here</p></body></html>", ctx)


def test_structured_merged_with_text(rec: Recorder, ctx: Context) -> None:
    rec.result = [
        Event(
            title="Cat qubits",
            speakers=(Speaker(name="Zaki Leghtas"),),
            start=datetime(2021, 6, 3, 16),
            abstract="Long abstract from the page.",
        ).warn("tz-missing", "no zone", "timezone")
    ]
    (ev,) = parse_html(fixture("jsonld.html"), ctx)
    assert ev.title == "Quantum error correction with cat qubits"  # structured wins
    assert ev.start == datetime(2021, 6, 3, 16, tzinfo=ZURICH)  # zone from the place (Lausanne)
    assert ev.timezone == "Europe/Zurich"
    assert not [w for w in ev.warnings if w.code in ("time-conflict", "tz-missing")]


def test_outer_hints_win(rec: Recorder, ctx: Context) -> None:
    parse_html(fixture("seminar_page.html"), ctx, Hints(title="From e-mail", format="email"))
    hints = rec.calls[0][1]
    assert hints.title == "From e-mail"
    assert hints.format == "email"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>/=\"' abpdivtrlh1&;#x\n")), max_size=300))
def test_html_to_text_never_fails(html: str) -> None:
    text, links = html_to_text(html)
    assert isinstance(text, str)
    assert all(isinstance(a, str) and isinstance(h, str) for a, h in links)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.binary(max_size=400))
def test_parse_html_arbitrary_bytes(rec: Recorder, ctx: Context, data: bytes) -> None:
    try:
        parse_html(b"<html>" + data, ctx)
    except SeminormError:
        pass


# -- integration with the real text reader ------------------------------------

needs_text = pytest.mark.skipif(
    importlib.util.find_spec("seminorm.rules.when") is None, reason="text rules not there yet"
)


@needs_text
def test_real_page(ctx: Context) -> None:
    (ev,) = parse_html(fixture("seminar_page.html"), ctx)
    assert ev.start == datetime(2021, 5, 4, 16, 15, tzinfo=ZURICH)
    assert ev.online is not None
    assert ev.online.url == "https://ethz.zoom.us/j/91234567890?pwd=abc123"


@needs_text
def test_real_schedule(ctx: Context) -> None:
    evs = parse_html(fixture("schedule_table.html"), ctx)
    assert [e.start.day for e in evs if isinstance(e.start, datetime)][:2] == [1, 8]


@needs_text
def test_real_json_ld(ctx: Context) -> None:
    (ev,) = parse_html(fixture("jsonld.html"), ctx)
    assert ev.start == datetime(2021, 6, 3, 16, tzinfo=ZURICH)
    assert ev.speakers[0].name == "Zaki Leghtas"


# -- the wrappers other tests use ---------------------------------------------

ANNOUNCEMENT = (
    "Analysis Seminar\n\nSpeaker: Ana Lima (IMPA)\nTitle: Sharp   Sobolev inequalities\n"
    "Date: Tuesday, 12 March 2024, 14:15 CET\n"
    "Zoom: https://unige.zoom.us/j/61234567890?pwd=abc (ID 612 3456 7890)\n"
    "Contact: seminar@unige.example.ch\n\nAbstract: We prove & discuss <sharp> bounds."
)


def _lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]


def test_as_html_keeps_the_text() -> None:
    from .wrappers import as_html

    text, links = html_to_text(as_html(ANNOUNCEMENT, "Sharp Sobolev").decode())
    assert _lines(text) == _lines(ANNOUNCEMENT)
    assert ("seminar@unige.example.ch", "mailto:seminar@unige.example.ch") in links


def test_as_html_page_title(rec: Recorder, ctx: Context) -> None:
    from .wrappers import as_html

    parse_html(as_html(ANNOUNCEMENT, "Sharp Sobolev"), ctx)
    assert rec.calls[0][1].title == "Sharp Sobolev"


CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "text"


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not present")
def test_as_html_keeps_every_corpus_text() -> None:
    from .wrappers import as_html

    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert _lines(html_to_text(as_html(text, "x").decode())[0]) == _lines(text), path.name


BARCELONA = b"""<html><script type="application/ld+json">
{"@type": "Event", "name": "Local sleep", "startDate": "2026-03-05T12:30:00+01:00",
 "performer": {"@type": "Person", "name": "Dr. Sung-min Park"},
 "location": {"@type": "Place", "name": "Sala d'Actes",
              "address": {"streetAddress": "Carrer Aiguader 77", "addressLocality": "Barcelona",
                          "addressCountry": "ES"}}}
</script><p>Dr. Sung-min Park (Korea Brain Research Institute, Daegu), 5 March 2026, 12:30</p>
</html>"""


def test_country_of_the_place_beats_a_guessed_text_zone(rec: Recorder, ctx: Context) -> None:
    seoul = ZoneInfo("Asia/Seoul")
    rec.result = [
        Event(start=datetime(2026, 3, 5, 12, 30, tzinfo=seoul), timezone="Asia/Seoul").warn(
            "tz-inferred", "Asia/Seoul inferred from 'Korea'", "timezone"
        )
    ]
    (ev,) = parse_html(BARCELONA, ctx)
    assert ev.timezone == "Europe/Madrid"
    assert ev.start == datetime(2026, 3, 5, 12, 30, tzinfo=ZoneInfo("Europe/Madrid"))
    assert ev.speakers[0].name == "Sung-min Park"
    assert not [w for w in ev.warnings if w.code in ("time-conflict", "tz-inferred")]


def test_a_stated_text_zone_that_disagrees_is_a_conflict(rec: Recorder, ctx: Context) -> None:
    seoul = ZoneInfo("Asia/Seoul")
    rec.result = [Event(start=datetime(2026, 3, 5, 12, 30, tzinfo=seoul), timezone="Asia/Seoul")]
    (ev,) = parse_html(BARCELONA, ctx)
    assert ev.timezone == "Europe/Madrid"
    assert [w.code for w in ev.warnings if w.code == "time-conflict"] == ["time-conflict"]
