"""The shipped content: the seeds converted faithfully, every citation recorded, check passes."""

from __future__ import annotations

import re

import pytest

from generator.site import read_site
from tests.conftest import FIXTURES, REPO

SEEDS = {
    "thong-bao-ket-luan-doi-thoai-cong-chuc.txt": "content/van-ban/2025/thong-bao-ket-luan-doi-thoai-cong-chuc.md",
    "bao-cao-doi-thoai-nhan-dan-2025-lan-2.txt": "content/van-ban/2025/bao-cao-doi-thoai-nhan-dan-2025-lan-2.md",
}


@pytest.fixture(scope="module")
def site():
    return read_site(REPO)


def _plain(text: str) -> str:
    """Paragraph text without Markdown markup, for comparing with the seed's plain text."""
    text = re.sub(r"^#{1,6} |^- |\\(?=\.)|\*", "", text.strip(), flags=re.M)
    return re.sub(r"\s+", " ", text)


def _seed_paragraphs(text: str) -> list[str]:
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    joined: list[str] = []
    for paragraph in paragraphs:
        # The seed text breaks one sentence across a page ("tiếp tục sửa" / "đổi lối...").
        if joined and not re.search(r"[.;:!?”)]$|[A-ZĐ]$", joined[-1]) and paragraph[0].islower():
            joined[-1] += " " + paragraph
        else:
            joined.append(paragraph)
    return joined


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_seed_body_is_converted_word_for_word(site, seed):
    raw = (FIXTURES / "seeds" / seed).read_text(encoding="utf-8")
    document = next(d for d in site.documents if d.path == SEEDS[seed])
    paragraphs = _seed_paragraphs(raw)
    # Header (number, place and date, type name, subject) and footer (recipients, signature)
    # become frontmatter; everything between is the body.
    start = next(i for i, p in enumerate(paragraphs) if p.startswith(("Thực hiện", "Căn cứ")))
    end = next(i for i, p in enumerate(paragraphs) if p == "Nơi nhận:")
    body = {_plain(p) for p in document.body.split("\n\n") if p.strip()}
    for paragraph in paragraphs[start:end]:
        assert _plain(paragraph) in body, paragraph[:80]
    assert len(body) == end - start  # nothing added


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_seed_header_and_footer_become_frontmatter(site, seed):
    raw = (FIXTURES / "seeds" / seed).read_text(encoding="utf-8")
    paragraphs = _seed_paragraphs(raw)
    document = next(d for d in site.documents if d.path == SEEDS[seed])
    assert paragraphs[0] == f"Số: {document.number_text}"
    assert document.doctype.name.upper().startswith(paragraphs[2])  # THÔNG BÁO (kết luận)
    assert paragraphs[3] == document.title
    assert document.status == "draft" and not document.number.numbered
    recipients = [
        line[2:].rstrip(";.")
        for line in raw.split("Nơi nhận:")[1].split("\n")
        if line.startswith("- ")
    ]
    assert recipients == document.recipients
    assert document.signer.name == paragraphs[-1]
    assert f"{document.signer.mode} {document.signer.authority.upper()}" in raw
    assert document.signer.title.upper() in raw


def test_every_citation_in_the_seeds_has_a_record(site):
    cited = set()
    for seed in SEEDS:
        raw = (FIXTURES / "seeds" / seed).read_text(encoding="utf-8")
        cited |= set(re.findall(r"\d+[-/][A-ZĐa-z]+[-/][A-ZĐ]+", raw))
    assert cited == {
        "429-QĐ/TU",
        "74/KH-VPUB",
        "75/KH-VPUB",
        "62/KH-VPUB",
        "340/TB-VPUB",
        "09-HD/BDVTU",
        "349-QĐ/TU",
        "834/QĐ-UBND",
    }
    for number in cited:
        record = site.registry.resolve(number)
        assert record is not None and record.published and record.issued and record.issuer


def test_notice_340_carries_the_dialogue_facts(site):
    notice = site.registry.resolve("340/TB-VPUB")
    assert str(notice.issued) == "2025-08-20"
    assert (str(notice.petitions.start.day), str(notice.petitions.end.day)) == (
        "2025-08-25",
        "2025-09-15",
    )
    assert str(notice.event.start.start) == "2025-09-26 14:00:00"
    assert str(notice.event.end.start) == "2025-09-26 17:00:00"
    assert (
        notice.event.location == "Phòng họp 219, Tầng 2, Tòa nhà Trung tâm hành chính tỉnh Sơn La"
    )


def test_shipped_content_passes_with_only_the_seeds_own_slip(site):
    assert site.errors == []
    assert [(d.code, d.file, d.line) for d in site.warnings] == [
        ("B002", SEEDS["bao-cao-doi-thoai-nhan-dan-2025-lan-2.txt"], 38)
    ]
