"""The Q&A section "Hỏi đáp – Kiến nghị" and the page on sending petitions, as built."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.cli import main
from tests.conftest import with_repository_site
from tests.test_site import broken_links

AS_OF = "2025-12-31"
SECRET = "ZQXKINNGHI"  # in every unanswered petition: must be in no file of the site

ANSWERED = """---
type: petition
title: {title}
status: published
received: {received}
channel: email
area: {area}
question: Hỏi về {title}.
state: answered
answered: {answered}
answer_by: 340/TB-VPUB
dialogue: 340/TB-VPUB
---
Trả lời theo Thông báo số 340/TB-VPUB ngày 20/8/2025.
"""

UNANSWERED = [
    # published but still processing, forwarded, or answered in a draft only
    ANSWERED.replace("state: answered\nanswered: {answered}\n", "state: processing\n"),
    ANSWERED.replace("state: answered\nanswered: {answered}\n", "state: forwarded\n"),
    ANSWERED.replace("status: published", "status: draft"),
    # answered on a later day than the build: publish_at holds it back
    ANSWERED.replace("status: published", "status: published\npublish_at: 2026-02-01"),
]


def _answered(n: int) -> str:
    day = 1 + n % 28
    return ANSWERED.format(
        title=f"Kiến nghị thử số {n}",
        received=f"2025-10-{day:02d}",
        answered=f"2025-11-{day:02d}",
        area="Tiếp công dân" if n % 2 else "Đất đai",
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = with_repository_site(tmp_path_factory.mktemp("qa"), content=True)
    folder = root / "content" / "kien-nghi" / "thu"
    folder.mkdir(parents=True)
    for n in range(45):
        (folder / f"da-tra-loi-{n}.md").write_text(_answered(n), encoding="utf-8")
    for n, text in enumerate(UNANSWERED):
        secret = text.format(
            title=f"Chưa trả lời {SECRET}",
            received="2025-12-20",
            answered="2025-12-22",
            area="Xây dựng",
        ).replace("Trả lời theo", f"{SECRET} trả lời theo")
        (folder / f"zqxkinnghi-{n}.md").write_text(secret, encoding="utf-8")
    assert main(["--root", str(root), "build", "--as-of", AS_OF]) == 0
    return root / "site"


def test_no_unanswered_petition_anywhere_in_the_site(built):
    files = [p for p in built.rglob("*") if p.is_file()]
    assert len(files) > 50
    for path in files:
        assert SECRET.lower().encode() not in path.read_bytes().lower(), path
        assert "zqxkinnghi" not in path.as_posix()
    # The repository's own forwarded sample is left out too.
    assert not any("cap-ban-sao" in p.as_posix() for p in files)
    assert "cap-ban-sao" not in (built / "sitemap.xml").read_text(encoding="utf-8")


def test_answered_petitions_are_listed_newest_first_and_paginated(built):
    first = (built / "hoi-dap" / "index.html").read_text(encoding="utf-8")
    assert (built / "hoi-dap" / "trang-3" / "index.html").exists()
    assert not (built / "hoi-dap" / "trang-4").exists()
    # 45 test petitions and the repository's 3 samples, 20 to a page.
    assert "Có 48 kiến nghị đã trả lời." in first
    dates = re.findall(r"Trả lời ngày (\d+)/(\d+)/(\d+)", first)
    keys = [(int(y), int(m), int(d)) for d, m, y in dates]
    assert len(keys) == 20 and keys == sorted(keys, reverse=True)


def test_every_link_of_the_section_leads_somewhere(built):
    assert broken_links(built) == []


def test_petitions_by_area(built):
    page = (built / "hoi-dap" / "linh-vuc" / "dat-dai" / "index.html").read_text(encoding="utf-8")
    assert "Hỏi đáp – Kiến nghị: Đất đai" in page
    assert "Có 23 kiến nghị đã trả lời." in page


def test_a_petition_page_shows_question_answer_dates_and_links(built):
    html = (built / "hoi-dap" / "2025" / "da-tra-loi-3" / "index.html").read_text(encoding="utf-8")
    assert "Hỏi về Kiến nghị thử số 3." in html
    assert "Trả lời theo" in html and "4/10/2025" in html and "4/11/2025" in html
    assert 'href="../../../van-ban/2025/tb-340-vpub/"' in html
    assert "Nêu tại hội nghị đối thoại" in html and "Tiếp công dân" in html


def test_petitions_are_in_the_search_rows(built):
    rows = "".join(p.read_text(encoding="utf-8") for p in (built / "search").rglob("*.json"))
    assert "Kiến nghị thử số 3" in rows and "hoi-dap/2025/da-tra-loi-3/" in rows


def test_menu_has_the_section_only_when_it_has_petitions(built, make_site, capsys):
    home = (built / "index.html").read_text(encoding="utf-8")
    assert "Hỏi đáp – Kiến nghị" in home and "Gửi kiến nghị, phản ánh" in home
    root = with_repository_site(make_site({}))
    assert main(["--root", str(root), "build", "--as-of", AS_OF]) == 0
    home = (root / "site" / "index.html").read_text(encoding="utf-8")
    assert "Hỏi đáp – Kiến nghị" not in home and not (root / "site" / "hoi-dap").exists()
    assert "Gửi kiến nghị, phản ánh" in home
    assert broken_links(root / "site") == []


def test_send_page_lists_channels_and_open_windows(make_site, capsys):
    root = with_repository_site(make_site({}, context=False), content=True)
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace('hotline: ""', 'hotline: "0212 3 800 000"').replace(
        'email: ""', "email: kiennghi@example.gov.vn"
    )
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    assert main(["--root", str(root), "build", "--as-of", "2025-09-01"]) == 0
    html = (root / "site" / "gui-kien-nghi" / "index.html").read_text(encoding="utf-8")
    assert 'href="tel:02123800000"' in html and 'action="mailto:kiennghi@example.gov.vn"' in html
    assert "Đang nhận kiến nghị đến hết ngày 15/9/2025" in html
    assert "dichvucong.gov.vn" in html
    assert '<script src="../assets/petition.js" defer></script>' in html
    # Our part of the page has no inline script (the theme's own is another helper's work).
    article = html.split("<article")[1].split("</article>")[0]
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>\s*\S", article)
