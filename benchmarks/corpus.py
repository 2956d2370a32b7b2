"""A realistic, deterministic corpus of the office's documents, for benchmarks.

Each year the office runs dialogues the way the seeds show: a plan (KH), an announcement (TB)
with its petition window, time and place, an agenda (CTr), a conclusion notice (TB kết luận) and
a results report (BC), each citing the earlier ones in running text with their correct dates.
Bodies are built from the shipped seeds' sentences, so their length and vocabulary are the
seeds'. Numbers follow yearly series per type. The same bodies are also written without
frontmatter, for the bare MkDocs baseline.

    python benchmarks/corpus.py --docs 1000 --out /tmp/corpus
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED_FILES = [
    REPO / "content/van-ban/2025/thong-bao-ket-luan-doi-thoai-cong-chuc.md",
    REPO / "content/van-ban/2025/bao-cao-doi-thoai-nhan-dan-2025-lan-2.md",
]
# The word a citation uses for each type, and the symbol in the number.
TYPE_NAMES = {
    "plan": ("Kế hoạch", "KH"),
    "notice": ("Thông báo", "TB"),
    "agenda": ("Chương trình", "CTr"),
    "conclusion": ("Thông báo", "TB"),
    "report": ("Báo cáo", "BC"),
    "regulation": ("Quy định", "QĐ"),
    "guidance": ("Hướng dẫn", "HD"),
}
SUBJECTS = [
    "đối thoại trực tiếp giữa Chánh Văn phòng UBND tỉnh với nhân dân",
    "đối thoại trực tiếp giữa Chánh Văn phòng với công chức, viên chức, người lao động",
    "thu hồi đất thực hiện dự án đường giao thông trên địa bàn tỉnh",
    "cải cách hành chính và chuyển đổi số trong công tác văn phòng",
    "tiếp nhận, xử lý phản ánh, kiến nghị của người dân về thủ tục hành chính",
    "công chức, viên chức, người lao động của Văn phòng",
    "phòng, chống thiên tai và tìm kiếm cứu nạn mùa mưa lũ",
    "thực hành tiết kiệm, chống lãng phí trong quản lý tài sản công",
    "công tác thi đua, khen thưởng của Văn phòng",
    "bồi thường, hỗ trợ, tái định cư khi Nhà nước thu hồi đất",
]
TOPICS = [
    "Đối thoại trực tiếp",
    "Cải cách hành chính",
    "Đất đai",
    "Chuyển đổi số",
    "Thi đua, khen thưởng",
    "Phòng, chống thiên tai",
]
ROOMS = ["Phòng họp 219, Tầng 2", "Phòng họp 301, Tầng 3", "Hội trường tầng 1"]
# Documents of other bodies that every dialogue cites: (type, number, issued, issuer, title).
BASE_RECORDS = [
    ("regulation", "429-QĐ/TU", date(2015, 7, 1), "Ban Thường vụ Tỉnh ủy Sơn La",
     "Ban hành quy định đối thoại trực tiếp giữa người đứng đầu cấp ủy, chính quyền các cấp "
     "với nhân dân"),
    ("guidance", "09-HD/BDVTU", date(2015, 7, 20), "Ban Dân vận Tỉnh ủy Sơn La",
     "Một số nội dung thực hiện Quy định số 429-QĐ/TU"),
]  # fmt: skip


def legal_date(day: date) -> str:
    """ "ngày 05/02/2026": the form documents use when citing one another."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{day.day:02d}/{month}/{day.year}"


@dataclass
class Doc:
    type: str
    number: str
    issued: date
    title: str
    references: list[Doc] = field(default_factory=list)
    extra: str = ""
    body: str = ""
    topic: str = ""
    issuer: str = "Văn phòng UBND tỉnh Sơn La"

    @property
    def issuer_phrase(self) -> str:
        return "Văn phòng UBND tỉnh" if self.number.endswith("-VPUB") else self.issuer

    @property
    def subject(self) -> str:
        return self.title[0].lower() + self.title[1:]

    def frontmatter(self) -> str:
        lines = [
            "---",
            f"type: {self.type}",
            f"number: {self.number}",
            f"issued: {self.issued}",
            f"title: {self.title}",
            f"issuer: {self.issuer}",
            "status: published",
        ]
        if self.references:
            lines += ["references:", *(f"  - {r.number}" for r in self.references)]
        if self.topic:
            lines += ["topics:", f"  - {self.topic}"]
        return "\n".join(lines) + "\n" + self.extra + "---\n"

    @property
    def citation(self) -> str:
        return f"{TYPE_NAMES[self.type][0]} số {self.number} ngày {legal_date(self.issued)}"

    @property
    def slug(self) -> str:
        ascii_number = re.sub(r"[^a-z0-9]+", "-", self.number.lower().replace("đ", "d")).strip("-")
        return f"{self.issued.year}/{self.type}-{ascii_number}"


_CITES = re.compile(r"\d+[/-][A-ZĐ]|\d\\\.")


def _sentences() -> list[str]:
    found: list[str] = []
    for path in SEED_FILES:
        body = path.read_text(encoding="utf-8").split("\n---\n", 1)[1]
        for paragraph in body.split("\n\n"):
            paragraph = paragraph.strip()
            # Citations are generated with correct dates below, so sentences that cite the
            # seeds' own documents (with their 2025 dates) stay out; headings are structure.
            if not paragraph or paragraph.startswith("#") or _CITES.search(paragraph):
                continue
            found.append(re.sub(r"^- ", "", paragraph).replace("kiến nghị kiến nghị", "kiến nghị"))
    return found


class Corpus:
    def __init__(self, count: int, seed: int = 2026) -> None:
        self.count = count
        self.random = random.Random(seed)
        self.sentences = _sentences()
        self.series: dict[tuple[str, int], int] = {}
        self.documents: list[Doc] = []
        # Spread any corpus over about ten years, as an office's archive is.
        self.chains_per_year = max(4, count // 50)

    def _new(self, kind: str, day: date, title: str, cites: list[Doc], **extra: str) -> Doc:
        """A document of the office, numbered next in its type's series for the year."""
        abbreviation = TYPE_NAMES[kind][1]
        key = (abbreviation, day.year)
        self.series[key] = self.series.get(key, 0) + 1
        number = f"{self.series[key]:02d}/{abbreviation}-VPUB"
        return Doc(kind, number, day, title, cites, **extra)

    def _body(self, cites: list[Doc]) -> str:
        count = self.random.randint(8, 16)
        picked = self.random.sample(self.sentences, k=min(count, len(self.sentences)))
        basis = "; ".join(f"{c.citation} của {c.issuer_phrase} về {c.subject}" for c in cites)
        paragraphs = [f"Thực hiện {basis}."]
        paragraphs += [f"- {s}" if i % 3 else s for i, s in enumerate(picked)]
        paragraphs.append("Văn phòng Ủy ban nhân dân tỉnh trân trọng thông báo./.")
        return "\n\n".join(paragraphs) + "\n"

    def _chain(self, year: int, index: int, base: list[Doc]) -> list[Doc]:
        """One dialogue: plan → announcement → agenda → conclusion notice → report."""
        start = date(year, 1, 5) + timedelta(days=(index * 37) % 300)
        subject = f"{SUBJECTS[index % len(SUBJECTS)]} năm {year} (đợt {index % 3 + 1})"
        topic = TOPICS[index % len(TOPICS)]
        plan = self._new("plan", start, f"Tổ chức {subject}", [base[0]], topic=topic)
        announced = start + timedelta(days=20)
        held = announced + timedelta(days=30)
        room = ROOMS[index % len(ROOMS)]
        notice = self._new(
            "notice",
            announced,
            f"Tổ chức hội nghị {subject}",
            [plan],
            topic=topic,
            extra=(
                f"petitions:\n  start: {announced + timedelta(days=3)}\n"
                f"  end: {held - timedelta(days=5)}\n"
                f"event:\n  start: {held} 14:00\n  end: {held} 17:00\n"
                f"  location: {room}, Tòa nhà Trung tâm hành chính tỉnh Sơn La\n"
            ),
        )
        agenda_day, concluded = held - timedelta(days=2), held + timedelta(days=3)
        return [
            plan,
            notice,
            self._new("agenda", agenda_day, f"Hội nghị {subject}", [plan, notice], topic=topic),
            self._new(
                "conclusion", concluded, f"Kết luận Hội nghị {subject}", [plan, notice], topic=topic
            ),
            self._new(
                "report",
                concluded + timedelta(days=20),
                f"Kết quả tổ chức {subject}",
                [*base, plan, notice],
                topic=topic,
            ),
        ]

    def generate(self) -> list[Doc]:
        base = [
            Doc(kind, number, issued, title, issuer=issuer)
            for kind, number, issued, issuer, title in BASE_RECORDS
        ]
        self.documents = list(base)
        index = 0
        while len(self.documents) < self.count:
            year = 2016 + index // self.chains_per_year
            for document in self._chain(year, index, base):
                if len(self.documents) < self.count:
                    document.body = self._body(document.references)
                    self.documents.append(document)
            index += 1
        return self.documents

    def write(self, out: Path) -> None:
        """Write a site root (mkdocs.yml + content/) and the bare baseline (bare/docs/)."""
        if out.exists():
            shutil.rmtree(out)
        content, bare = out / "site" / "content", out / "bare" / "docs"
        content.mkdir(parents=True)
        bare.mkdir(parents=True)
        shutil.copy(REPO / "mkdocs.yml", out / "site" / "mkdocs.yml")
        shutil.copytree(REPO / "overrides", out / "site" / "overrides")
        (out / "bare" / "mkdocs.yml").write_text(BARE_CONFIG, encoding="utf-8")
        (bare / "index.md").write_text("# Trang chủ\n", encoding="utf-8")
        for document in self.documents or self.generate():
            for folder, text in (
                (content, document.frontmatter() + document.body),
                (bare, f"# {document.title}\n\n{document.body}"),
            ):
                target = folder / f"{document.slug}.md"
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")


# The baseline: Material, nothing in the navigation, no plugins.
BARE_CONFIG = """site_name: Bare
theme:
  name: material
  language: vi
nav:
  - index.md
plugins: []
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    corpus = Corpus(args.docs, args.seed)
    corpus.generate()
    corpus.write(args.out)
    print(f"{len(corpus.documents)} văn bản → {args.out}")


if __name__ == "__main__":
    main()
