"""Feeds, calendars and open data as their users' tools read them: feedparser, icalendar and
jsonschema against the JSON Schemas the site itself publishes."""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta
from pathlib import Path

import feedparser
import icalendar
import jsonschema
import pytest

from generator import opendata
from generator.cli import main
from generator.pages import make_edition
from generator.publication import Publisher
from generator.schema import schema_text
from generator.site import read_site
from tests.conftest import with_repository_site

AS_OF = "2025-09-01"
SITE = "https://vpubnd.sonla.gov.vn/"
DRAFT_MARKERS = ("BẢN NHÁP", "du-thao", "/BC-VPUB", "Nguyễn Thị Thu Hương", "Kết luận Hội nghị")


def build(root: Path, *args: str) -> int:
    return main(["--root", str(root), "build", "--as-of", AS_OF, *args])


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("shipped")
    with_repository_site(root, content=True)
    assert build(root) == 0
    return root / "site"


def doc(number: str, issued: str, title: str, extra: str = "", status: str = "published") -> str:
    return (
        f"---\ntype: notice\nnumber: {number}\nissued: {issued}\ntitle: {title}\n"
        f"issuer: Văn phòng UBND tỉnh Sơn La\nstatus: {status}\n{extra}---\nNội dung.\n"
    )


def feed(path: Path) -> feedparser.FeedParserDict:
    parsed = feedparser.parse(path.read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


def calendar(path: Path) -> icalendar.Calendar:
    data = path.read_bytes()
    parsed = icalendar.Calendar.from_ical(data)
    assert parsed.to_ical() == data  # round trip: nothing the library would not write back
    return parsed


def validate(path: Path, site: Path) -> dict:
    payload = json.loads(path.read_text(encoding="utf-8"))
    schema_path = site / payload["$schema"].removeprefix(SITE)
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())
    errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(payload)]
    assert errors == [], path
    return payload


# -- Atom ----------------------------------------------------------------------------------


def test_every_feed_parses_without_error(site):
    feeds = sorted(site.rglob("feed.xml"))
    assert {str(p.relative_to(site)) for p in feeds} >= {
        "feed.xml",
        "van-ban/thong-bao/feed.xml",
        "van-ban/ke-hoach/feed.xml",
        "chu-de/doi-thoai-truc-tiep/feed.xml",
    }
    # No report is public in the shipped content: no listing, so no feed of reports either.
    assert not (site / "van-ban/bao-cao").exists()
    for path in feeds:
        parsed = feed(path)
        assert parsed.version == "atom10"
        assert parsed.feed.language == "vi"


def test_a_notice_entry_says_what_and_when(site):
    parsed = feed(site / "van-ban/thong-bao/feed.xml")
    assert parsed.feed.link == SITE + "van-ban/thong-bao/"
    entry = next(e for e in parsed.entries if "340/TB-VPUB" in e.title)
    assert entry.id == SITE + "van-ban/2025/tb-340-vpub/"
    assert entry.link == entry.id
    assert entry.title.startswith("Thông báo 340/TB-VPUB: Tổ chức Hội nghị đối thoại")
    assert entry.published == "2025-08-20T00:00:00+07:00"
    assert entry.updated >= entry.published
    assert "Thông báo 340/TB-VPUB ngày 20/8/2025" in entry.summary
    assert ("notice", "Thông báo") in [(t.term, t.label) for t in entry.tags]
    assert parsed.feed.updated == max(e.updated for e in parsed.entries)


def test_the_site_feed_holds_the_newest_fifty(make_site):
    files = {
        f"tb{n}.md": doc(f"{n:02d}/TB-VPUB", f"2025-{1 + n // 28:02d}-{1 + n % 28:02d}", f"TB {n}")
        for n in range(1, 61)
    }
    root = with_repository_site(make_site(files, context=False))
    assert build(root) == 0
    entries = feed(root / "site/feed.xml").entries
    assert len(entries) == 50
    issued = [e.published for e in entries]
    assert issued == sorted(issued, reverse=True)
    assert entries[0].title.startswith("Thông báo 60/TB-VPUB")


def test_every_page_links_the_site_feed_and_listings_their_own(site):
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if "http-equiv" in text:
            continue  # a redirect of an old number
        assert re.search(r'<link rel="alternate" type="application/atom\+xml"[^>]*feed\.xml', text)
    listing = (site / "van-ban/thong-bao/index.html").read_text(encoding="utf-8")
    assert 'title="Thông báo" href="feed.xml"' in listing
    assert re.search(r'<a href="[./]*van-ban/thong-bao/feed.xml"[^>]*>Theo dõi</a>', listing)
    topic = (site / "chu-de/doi-thoai-truc-tiep/index.html").read_text(encoding="utf-8")
    assert "Theo dõi</a>" in topic


# -- iCalendar -----------------------------------------------------------------------------


def test_the_dialogue_calendar_has_the_event_and_the_petition_window(site):
    parsed = calendar(site / "lich/doi-thoai.ics")
    assert [tz["tzid"] for tz in parsed.walk("VTIMEZONE")] == ["Asia/Ho_Chi_Minh"]
    events = {str(e["uid"]): e for e in parsed.walk("VEVENT")}
    dialogue = events["doi-thoai-2025-tb-340-vpub@vpubnd.sonla.gov.vn"]
    start, end = dialogue.decoded("dtstart"), dialogue.decoded("dtend")
    assert start.isoformat() == "2025-09-26T14:00:00+07:00"
    assert end.isoformat() == "2025-09-26T17:00:00+07:00"
    assert start.utcoffset() == timedelta(hours=7)
    assert str(dialogue["location"]).startswith("Phòng họp 219, Tầng 2")
    assert str(dialogue["url"]) == SITE + "van-ban/2025/tb-340-vpub/"
    window = events["kien-nghi-2025-tb-340-vpub@vpubnd.sonla.gov.vn"]
    assert window.decoded("dtstart") == date(2025, 8, 25)
    assert window.decoded("dtend") == date(2025, 9, 16)  # 15 September included
    assert str(window["transp"]) == "TRANSPARENT"
    for event in events.values():
        assert event.decoded("dtstamp").tzinfo is not None  # a fixed instant, in UTC


def test_the_notice_offers_its_own_calendar_file(site):
    page = (site / "van-ban/2025/tb-340-vpub/index.html").read_text(encoding="utf-8")
    link = re.search(r'<a href="([^"]+\.ics)"[^>]*download>Thêm vào lịch</a>', page)
    assert link
    own = calendar((site / "van-ban/2025/tb-340-vpub" / link.group(1)).resolve())
    uids = sorted(str(e["uid"]) for e in own.walk("VEVENT"))
    assert uids == [
        "doi-thoai-2025-tb-340-vpub@vpubnd.sonla.gov.vn",
        "kien-nghi-2025-tb-340-vpub@vpubnd.sonla.gov.vn",
    ]
    plan = (site / "van-ban/2025/kh-75-vpub/index.html").read_text(encoding="utf-8")
    assert "Thêm vào lịch" not in plan


def test_a_corrected_notice_keeps_its_event_uid(make_site, tmp_path):
    notice = doc(
        "41/TB-VPUB",
        "2025-08-01",
        "Đối thoại",
        "event:\n  start: 2025-09-10 08:00\n  end: 2025-09-10 11:30\n  location: Hội trường A\n",
    )
    root = with_repository_site(make_site({"x.md": notice}))
    assert build(root) == 0
    before = calendar(root / "site/lich/doi-thoai.ics").walk("VEVENT")
    (root / "content/x.md").write_text(notice.replace("Hội trường A", "Hội trường B"), "utf-8")
    assert build(root) == 0
    after = calendar(root / "site/lich/doi-thoai.ics").walk("VEVENT")
    assert [str(e["uid"]) for e in before] == [str(e["uid"]) for e in after]
    assert [str(e["location"]) for e in after] == ["Hội trường B"]
    assert after[0].decoded("dtend") == datetime.fromisoformat("2025-09-10T11:30:00+07:00")


# -- open data -----------------------------------------------------------------------------


def test_the_catalogue_and_every_document_validate_against_their_published_schemas(site):
    catalogue = validate(site / "api/van-ban.json", site)
    assert catalogue["schema_version"] == opendata.SCHEMA_VERSION
    assert catalogue["total"] == len(catalogue["documents"]) > 0
    assert catalogue["pages"] == 1 and catalogue["next"] is None
    for entry in catalogue["documents"]:
        path = site / entry["data"].removeprefix(SITE)
        detail = validate(path, site)
        assert {k: detail[k] for k in entry} == entry
        assert (site / entry["url"].removeprefix(SITE) / "index.html").is_file()
    shipped = (site / "api/frontmatter.schema.json").read_text(encoding="utf-8")
    assert shipped == schema_text()  # what `portal schema` prints
    jsonschema.Draft7Validator.check_schema(json.loads(shipped))


def test_a_document_as_data(site):
    detail = json.loads((site / "api/van-ban/2025/tb-340-vpub.json").read_text("utf-8"))
    assert detail["number"] == "340/TB-VPUB" and detail["type"] == "notice"
    assert detail["issued"] == "2025-08-20"
    assert detail["references"][0]["number"] == "62/KH-VPUB"
    assert detail["references"][0]["url"] == SITE + "van-ban/2024/kh-62-vpub/"
    assert detail["event"]["start"] == "2025-09-26T14:00:00+07:00"
    assert detail["petitions"] == {"start": "2025-08-25", "end": "2025-09-15", "channels": []}
    assert detail["calendar"] == SITE + "van-ban/2025/tb-340-vpub/tb-340-vpub.ics"
    assert detail["validity"] is None  # a notice has no legal effect to be in force


def test_attachments_carry_their_size(make_site):
    files = {
        "x.md": doc("42/TB-VPUB", "2025-08-01", "Có tệp", "attachments:\n  - file: a.pdf\n"),
        "a.pdf": b"%PDF-1.4\n" + b"0" * 1000,
    }
    root = with_repository_site(make_site(files))
    assert build(root) == 0
    detail = json.loads((root / "site/api/van-ban/2025/tb-42-vpub.json").read_text("utf-8"))
    (attachment,) = detail["attachments"]
    assert attachment["size"] == 1009 and attachment["format"] == "PDF"
    assert (root / "site" / attachment["url"].removeprefix(SITE)).is_file()


def test_a_large_catalogue_is_split_into_linked_pages(make_site, monkeypatch):
    files = {f"tb{n}.md": doc(f"{n:02d}/TB-VPUB", "2025-03-03", f"TB {n}") for n in range(1, 41)}
    root = make_site(files, context=False)
    edition = make_edition(read_site(root), date(2025, 9, 1), history=False)
    monkeypatch.setattr(opendata, "MAX_PAGE_BYTES", 5_000)
    out = opendata.render_open_data(edition, Publisher("Thử", None))
    pages = [*sorted(p for p in out if p.startswith("api/van-ban/trang-")), "api/van-ban.json"]
    assert len(pages) > 2
    first = json.loads(out["api/van-ban.json"])
    assert first["pages"] == len(pages) and first["next"] == "api/van-ban/trang-2.json"
    seen, path = [], "api/van-ban.json"
    while path is not None:
        assert len(out[path]) <= 5_000
        page = json.loads(out[path])
        seen += [entry["number"] for entry in page["documents"]]
        path = page["next"]
    assert len(seen) == len(set(seen)) == 40


# -- what never leaves the office -----------------------------------------------------------


def test_drafts_and_scheduled_documents_are_in_no_feed_calendar_or_data(make_site, tmp_path):
    dialogue = (
        "event:\n  start: 2025-10-01 08:00\npetitions:\n  start: 2025-09-02\n  end: 2025-09-20\n"
    )
    files = {
        "public.md": doc("60/TB-VPUB", "2025-08-01", "Công khai"),
        "draft.md": doc(
            "/TB-VPUB", "", "Bí mật nháp", dialogue + "topics:\n  - Riêng\n", status="draft"
        ),
        "later.md": doc(
            "61/TB-VPUB", "2025-08-02", "Chưa tới ngày", "publish_at: 2025-09-30\n" + dialogue
        ),
    }
    root = with_repository_site(make_site(files))
    for args in ((), ("--drafts", "--site-dir", str(tmp_path / "preview"))):
        assert build(root, *args) == 0
        out = root / "site" if not args else tmp_path / "preview"
        # The preview's pages, sitemap and search show drafts by design; these files never.
        written = [
            p
            for p in out.rglob("*")
            if p.name == "feed.xml" or p.suffix == ".ics" or p.is_relative_to(out / "api")
        ]
        assert any(p.suffix == ".ics" for p in written)
        for path in written:
            text = path.read_text(encoding="utf-8") if path.is_file() else ""
            assert "Bí mật nháp" not in text and "Chưa tới ngày" not in text, path
            assert "61/TB-VPUB" not in text and "tb-61-vpub" not in text, path
        assert "Công khai" in (out / "feed.xml").read_text(encoding="utf-8")
        assert not list(out.rglob("tb-61-vpub.ics"))
    # The preview lists the draft's topic: its "Theo dõi" link leads to a feed with no entry.
    assert feed(tmp_path / "preview/chu-de/rieng/feed.xml").entries == []
    assert not (root / "site/chu-de/rieng").exists()


def test_the_shipped_drafts_stay_out_of_calendars(site):
    for path in site.rglob("*.ics"):
        text = icalendar.Calendar.from_ical(path.read_bytes()).to_ical().decode()
        for marker in DRAFT_MARKERS:
            assert marker not in text, (marker, path)


def test_without_a_site_address_links_are_relative_and_ids_stable(make_site):
    root = make_site({"x.md": doc("43/TB-VPUB", "2025-08-01", "Không có địa chỉ")})
    edition = make_edition(read_site(root), date(2025, 9, 1), history=False)
    from generator.datafiles import render_data_files

    first = render_data_files(edition, "Thử", None)
    assert first == render_data_files(edition, "Thử", None)
    parsed = feedparser.parse(first["van-ban/thong-bao/feed.xml"])
    assert not parsed.bozo
    (entry,) = parsed.entries
    assert entry.id.startswith("urn:uuid:")
    assert entry.link == "../../van-ban/2025/tb-43-vpub/"
    assert feedparser.parse(first["feed.xml"]).feed.link == "./"  # the home page


def test_hostile_metadata_stays_text_in_every_format(make_site):
    hostile = '<script>alert("x")</script> & "trích; yếu",\\n'
    extra = f"event:\n  start: 2025-09-10 08:00\n  location: '{hostile}'\n"
    root = with_repository_site(
        make_site({"x.md": doc("44/TB-VPUB", "2025-08-01", f"'{hostile}'", extra)}, context=False)
    )
    assert build(root) == 0
    site = root / "site"
    (entry,) = feed(site / "van-ban/thong-bao/feed.xml").entries
    assert entry.title == f"Thông báo 44/TB-VPUB: {hostile}"
    assert "<script>" not in (site / "van-ban/thong-bao/feed.xml").read_text(encoding="utf-8")
    (event,) = calendar(site / "lich/doi-thoai.ics").walk("VEVENT")
    assert str(event["summary"]) == hostile and str(event["location"]) == hostile
    detail = validate(site / "api/van-ban/2025/tb-44-vpub.json", site)
    assert detail["title"] == hostile
