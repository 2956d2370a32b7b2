"""benchmarks/linkcheck.py finds what a reader or a crawler would meet as a broken link."""

from __future__ import annotations

from pathlib import Path

from linkcheck import check_site, main  # benchmarks/, on the path from conftest

SITE_URL = "https://example.gov.vn/cong/"


def write(site: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = site / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return site


def test_a_sound_site_passes(tmp_path):
    site = write(
        tmp_path,
        {
            "index.html": '<a href="a/">A</a><a href="a/#muc-1">A 1</a><a href="#top" id="top">'
            '<a href="mailto:x@example.gov.vn">x</a><a href="https://other.example/">o</a>'
            '<script src="assets/x.js"></script><!-- <a href="gone/">old</a> -->'
            '<script>var s = "<a href=\\"nowhere/\\">";</script>'
            '<form action="a/" method="get"></form><a href="/cong/a/">root</a>',
            "a/index.html": "<h2 id='muc-1'>1</h2><a href=../index.html#top>up</a>",
            "assets/x.js": "",
            "sitemap.xml": f"<urlset><url><loc>{SITE_URL}a/</loc></url></urlset>",
            "calendar.ics": f"URL:{SITE_URL}a\r\n /\r\n",
        },
    )
    assert check_site(site, SITE_URL) == []


def test_missing_files_anchors_and_folder_links_are_reported(tmp_path):
    site = write(
        tmp_path,
        {
            "index.html": '<a href="gone/">g</a><a href="a/#nowhere">n</a><img src="x.png">'
            '<a href="../../etc/passwd">p</a><a href="a/">a</a>',
            "a/index.html": '<meta http-equiv="refresh" content="0; url=../moved.html">',
            "feed.xml": f"<feed><link href='{SITE_URL}b/'/></feed>",
        },
    )
    found = {(p.page, p.link, p.reason) for p in check_site(site, SITE_URL)}
    assert found == {
        ("index.html", "gone/", "không có tệp"),
        ("index.html", "a/#nowhere", "không có neo #nowhere"),
        ("index.html", "x.png", "không có tệp"),
        ("index.html", "../../etc/passwd", "trỏ ra ngoài thư mục trang"),
        ("a/index.html", "../moved.html", "không có tệp"),
        ("feed.xml", f"{SITE_URL}b/", "không có tệp"),
    }
    # Opened from disk, "a/" is a folder listing, not the page.
    strict = check_site(site, SITE_URL, directory_index=False)
    assert ("index.html", "a/") in {(p.page, p.link) for p in strict}


def test_the_command_exits_1_on_a_broken_link(tmp_path, capsys):
    site = write(tmp_path, {"index.html": '<a href="gone.html">g</a>'})
    assert main([str(site)]) == 1
    assert "index.html: gone.html — không có tệp" in capsys.readouterr().out
    (site / "gone.html").write_text("", encoding="utf-8")
    assert main([str(site)]) == 0
