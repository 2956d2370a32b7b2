"""The calendars' events are written directly (``calendars.serialise``), byte for byte as the
`icalendar` package writes the same events (``calendars._events``): on every event of a
generated corpus, and on made-up facts with the text and times that stress escaping and
line folding (multi-byte characters at the fold, backslashes, commas, newlines)."""

from __future__ import annotations

import sys
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.calendars import _events, _Facts, _facts, serialise
from generator.model import Event, Moment, Window
from generator.pages.dialogue import has_calendar
from generator.pages.edition import make_edition
from generator.publication import Publisher, public_documents
from generator.site import read_site

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from corpus import Corpus


def _with_icalendar(facts) -> list:  # type: ignore[no-untyped-def]
    return [
        ((e.decoded("dtstart").isoformat(), str(e["uid"])), e.to_ical()) for e in _events(facts)
    ]


def test_every_event_of_a_corpus_is_written_as_icalendar_writes_it(tmp_path):
    corpus = Corpus(300)
    corpus.generate()
    corpus.write(tmp_path)
    site = read_site(tmp_path / "site")
    edition = make_edition(site, date(2026, 6, 1), history=False)
    publisher = Publisher("Cổng", "https://vpubnd.sonla.gov.vn/")
    chosen = [d for d in public_documents(edition) if has_calendar(d)]
    assert len(chosen) > 20
    for document in chosen:
        facts = _facts(edition, publisher, document)
        assert serialise(facts) == _with_icalendar(facts)


# Characters that matter to iCalendar text: its escapes, line ends, one-, two-, three- and
# four-byte UTF-8 (Vietnamese letters, "—", an emoji) so that folds land inside characters.
_TEXT = st.text(
    alphabet=st.sampled_from(list("aZ 09,;:\\^\n\r/.-ạỗđƯ—😀\"'<")), min_size=0, max_size=200
)
_DAYS = st.dates(min_value=date(2000, 1, 1), max_value=date(2037, 12, 30))
_TIMES = st.none() | st.times()


@st.composite
def _moments(draw) -> Moment:  # type: ignore[no-untyped-def]
    return Moment(draw(_DAYS), draw(_TIMES))


@st.composite
def _any_facts(draw):  # type: ignore[no-untyped-def]
    start = draw(_moments())
    dialogue = draw(
        st.none()
        | st.builds(
            Event,
            start=st.just(start),
            end=st.none() | _moments(),
            location=st.none() | _TEXT,
        )
    )
    window = draw(
        st.none()
        | st.builds(
            Window,
            start=st.none() | _moments(),
            end=st.none() | _moments(),
            channels=st.lists(_TEXT, max_size=3).map(tuple),
        )
    )
    stamp = datetime.combine(draw(_DAYS), time.min, timezone(timedelta(hours=7)))
    return _Facts(
        uid_tail=draw(_TEXT) + "@vpubnd.sonla.gov.vn",
        title=draw(_TEXT),
        about=draw(_TEXT),
        # An address has no line end (icalendar refuses one; ours are built from paths).
        page=draw(
            st.none() | _TEXT.map(lambda t: "https://x/" + t.replace("\r", "").replace("\n", ""))
        ),
        stamp=stamp.astimezone(timezone.utc),
        sequence=draw(st.integers(min_value=0, max_value=50)),
        dialogue=dialogue,
        dialogue_time=draw(_TEXT),
        window=window,
    )


@settings(max_examples=400, deadline=None)
@given(_any_facts())
def test_made_up_events_are_written_as_icalendar_writes_them(facts):
    assert serialise(facts) == _with_icalendar(facts)
