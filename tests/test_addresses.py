"""One address, one document; drafts leak no file. Met through `portal check` and `portal build`."""

from __future__ import annotations

import json
from pathlib import Path

from generator.cli import main
from tests.conftest import codes, with_repository_site
from tests.test_check import doc

NOTICE = "type: notice\n"


def check_json(root: Path, capsys) -> list[dict[str, object]]:
    main(["--root", str(root), "check", "--format", "json"])
    return json.loads(capsys.readouterr().out)["diagnostics"]


# -- N005 ----------------------------------------------------------------------------------


def test_numbers_differing_only_by_d_stroke_share_an_address(make_site, capsys):
    root = make_site(
        {
            "a.md": doc("101/TB-ĐU", "2025-03-01", type_="notice"),
            "b.md": doc("101/TB-DU", "2025-04-01", type_="notice"),
        }
    )
    found = [d for d in check_json(root, capsys) if d["code"] == "N005"]
    assert {d["file"] for d in found} == {"content/a.md", "content/b.md"}
    message = str(found[0]["message"])
    assert "content/a.md" in message and "content/b.md" in message and "tb-101-du" in message
    assert main(["--root", str(root), "build"]) == 1  # nothing is silently dropped


def test_the_same_numbers_in_different_years_do_not_collide(check_files):
    site = check_files(
        {
            "a.md": doc("101/TB-ĐU", "2025-03-01", type_="notice"),
            "b.md": doc("101/TB-DU", "2024-04-01", type_="notice"),
        }
    )
    assert "N005" not in codes(site)


def test_plain_pages_may_not_take_generated_addresses(check_files):
    page = "---\ntype: page\ntitle: Trang\n---\nNội dung.\n"
    site = check_files({"index.md": page, "van-ban/index.md": page, "gioi-thieu.md": page})
    assert [d.file for d in site.diagnostics if d.code == "F015"] == [
        "content/index.md",
        "content/van-ban/index.md",
    ]


def test_shipped_content_keeps_its_addresses_and_is_clean(tmp_path):
    root = with_repository_site(tmp_path, content=True)
    assert main(["--root", str(root), "build", "--as-of", "2025-09-01"]) == 0
    assert (root / "site/van-ban/2025/tb-340-vpub/index.html").is_file()
    assert (root / "site/van-ban/2024/kh-62-vpub/index.html").is_file()


# -- N006 ----------------------------------------------------------------------------------


def test_previous_number_cannot_take_over_a_current_document(make_site, capsys, tmp_path):
    extra = "previous_numbers:\n  - 74/KH-VPUB\n"
    root = make_site({"a.md": doc("80/KH-VPUB", "2025-12-20", extra=extra)})
    found = [d for d in check_json(root, capsys) if d["code"] == "N006"]
    assert [(d["file"], d["line"]) for d in found] == [("content/a.md", 8)]
    assert "content/ke-hoach-74.md" in str(found[0]["message"])


def test_two_documents_cannot_claim_one_old_number(check_files):
    extra = "previous_numbers:\n  - 60/KH-VPUB\n"
    site = check_files(
        {
            "a.md": doc("80/KH-VPUB", "2025-12-20", extra=extra),
            "b.md": doc("81/KH-VPUB", "2025-12-21", extra=extra),
        }
    )
    assert sorted(d.file for d in site.diagnostics if d.code == "N006") == [
        "content/a.md",
        "content/b.md",
    ]


def test_an_old_number_of_its_own_is_fine_and_redirects(make_site):
    extra = "previous_numbers:\n  - 60/KH-VPUB\n"
    root = with_repository_site(make_site({"a.md": doc("80/KH-VPUB", "2025-12-20", extra=extra)}))
    assert main(["--root", str(root), "build", "--as-of", "2026-01-01"]) == 0
    redirect = (root / "site/van-ban/2025/kh-60-vpub/index.html").read_text(encoding="utf-8")
    assert "kh-80-vpub" in redirect


# -- N007 ----------------------------------------------------------------------------------


def test_fullwidth_and_arabic_indic_digits_are_errors(check_files):
    site = check_files(
        {
            "a.md": doc("１０１/TB-VPUB", "2025-03-01", type_="notice"),
            "b.md": doc("١٠٢/TB-VPUB", "2025-03-02", type_="notice"),
            "c.md": doc(
                "103/TB-VPUB", "2025-03-03", type_="notice", extra="references:\n  - ٧٤/KH-VPUB\n"
            ),
        }
    )
    found = {(d.file, d.code) for d in site.diagnostics if d.code.startswith("N")}
    assert found == {("content/a.md", "N007"), ("content/b.md", "N007"), ("content/c.md", "N007")}
    message = next(d.message for d in site.diagnostics if d.file == "content/a.md")
    assert "`101/TB-VPUB`" in message


def test_foreign_digits_are_found_beside_the_d_of_qd(check_files):
    # Numbers with Đ are not ASCII: the rule looks at their digits, and at their references'.
    site = check_files(
        {
            "a.md": doc("101/QĐ-UBND", "2025-03-01", "decision", "references:\n  - ٧٤/QĐ-UBND\n"),
            "b.md": doc("102/QĐ-UBND", "2025-03-02", "decision", "references:\n  - 101/QĐ-UBND\n"),
            "c.md": doc("１０３/QĐ-UBND", "2025-03-03", "decision"),
        }
    )
    found = [(d.file, d.line) for d in site.diagnostics if d.code == "N007"]
    assert [file for file, _ in found] == ["content/a.md", "content/c.md"]
    message = next(d.message for d in site.diagnostics if d.code == "N007")
    assert "`references` ghi `٧٤/QĐ-UBND`" in message and "`74/QĐ-UBND`" in message


# -- drafts leak no file ---------------------------------------------------------------------


def test_files_only_drafts_refer_to_stay_out_of_the_site(make_site):
    draft = doc(
        "/KH-VPUB",
        "2025-12-20",
        status="draft",
        extra="attachments:\n  - file: sub/../du-thao.pdf\n",
        body="![Bản quét](scan.png) và [phụ lục](./phu-luc.pdf) và <img src='anh.png'>.\n",
    )
    public = doc("80/KH-VPUB", "2025-12-20", body="Xem [bảng](bang.pdf).\n")
    shared = doc("/KH-VPUB", "2025-12-21", status="draft", body="[bảng](bang.pdf)\n")
    files: dict[str, str | bytes] = {"nhap.md": draft, "cong-khai.md": public, "nhap-2.md": shared}
    for name in ("du-thao.pdf", "scan.png", "phu-luc.pdf", "anh.png", "bang.pdf"):
        files[name] = b"%PDF-1.4 secret"
    root = with_repository_site(make_site(files))
    assert main(["--root", str(root), "build", "--as-of", "2026-01-01"]) == 0
    site = root / "site"
    for name in ("du-thao.pdf", "scan.png", "phu-luc.pdf", "anh.png"):
        assert not (site / name).exists(), name
    assert (site / "bang.pdf").is_file()  # a published document links to it too
    assert main(["--root", str(root), "build", "--drafts", "--site-dir", "preview"]) == 0
    assert (root / "preview" / "scan.png").is_file()


def test_addresses_computed_once_give_the_same_diagnostics(check_files):
    """Both address rules read each document's address from its facts, computed once."""
    from generator.check import addresses
    from generator.check.facts import facts_of
    from generator.urls import document_src

    extra = "previous_numbers:\n  - 60/KH-VPUB\n"
    site = check_files(
        {
            "a.md": doc("80/KH-VPUB", "2025-12-20", extra=extra),
            "b.md": doc("81/KH-VPUB", "2025-12-21", extra=extra),
            "c.md": doc("101/TB-ĐU", "2025-03-01", type_="notice"),
            "d.md": doc("101/TB-DU", "2025-04-01", type_="notice"),
        }
    )
    facts = [facts_of(document) for document in site.documents]
    srcs = [f.src for f in facts]
    assert srcs == [document_src(document) for document in site.documents]
    assert len(set(srcs)) == len(srcs) - 1  # c and d share one address
    shared = list(addresses.address_collision(facts))
    shared += addresses.previous_number_taken(facts)
    assert sorted(d.code for d in shared) == ["N005", "N005", "N006", "N006"]
    assert sorted(shared) == [d for d in site.diagnostics if d.code in {"N005", "N006"}]
