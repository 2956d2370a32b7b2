"""Does search answer the question? A labelled query set, run in Chromium on a built site.

    python benchmarks/relevance.py --docs 1000          # generate, build, measure
    python benchmarks/relevance.py --site DIR           # measure a site built with --write

The site is the generated corpus (`corpus.py`) plus the documents below, written for this set:
distinctive titles, a phrase found only in one text, numbers that repeat across years. Each
query names the document a reader expects first (by number and year), or none: then the query
must return nothing. Reported: the share of queries whose expected document is first (goal
≥ 95%), in the top 3 (goal 100%), and the share of must-be-empty queries that return nothing
(goal 100%). The queries are typed in the header box of a built site, as a reader would.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import search_probe
from corpus import Corpus

from generator.numbers import parse_number
from generator.urls import number_slug


def _document(number: str, issued: str, kind: str, title: str, body: str) -> str:
    return (
        f"---\ntype: {kind}\nnumber: {number}\nissued: {issued}\ntitle: {title}\n"
        f"issuer: Văn phòng UBND tỉnh Sơn La\nstatus: published\n---\n{body}\n"
    )


# Documents with distinctive titles and texts; numbers far above the corpus's yearly series.
DOCUMENTS: dict[str, str] = {
    "tb-501-2024.md": _document(
        "501/TB-VPUB",
        "2024-03-04",
        "notice",
        "Quy chế quản lý rừng phòng hộ đầu nguồn sông Đà",
        "Văn phòng thông báo quy chế bảo vệ rừng phòng hộ đầu nguồn.\n\nCác xã vùng lòng hồ "
        "thủy điện phối hợp tuần tra, phát hiện sớm cháy rừng.",
    ),
    "tb-502-2025.md": _document(
        "502/TB-VPUB",
        "2025-05-12",
        "notice",
        "Phòng ngừa sạt lở đất tại các xã vùng cao; bảo vệ hộ dân ven rừng",
        "Các hộ dân sống ven suối cần di dời khi có mưa lớn kéo dài.",
    ),
    "kh-503-2025.md": _document(
        "503/KH-VPUB",
        "2025-06-02",
        "plan",
        "Kiểm tra an toàn đập thủy lợi trước mùa mưa lũ",
        "Đoàn kiểm tra làm việc tại hồ chứa nước Chiềng Khoi và đập Nà Sản.",
    ),
    "kh-504-2025.md": _document(
        "504/KH-VPUB",
        "2025-08-20",
        "plan",
        "Kiểm tra an toàn đáp ứng yêu cầu phòng cháy tại trụ sở cơ quan",
        "Kiểm tra bình chữa cháy, lối thoát nạn và hệ thống báo cháy tự động.",
    ),
    "bc-505-2025.md": _document(
        "505/BC-VPUB",
        "2025-09-15",
        "report",
        "Kết quả chuyển đổi số trong tiếp nhận hồ sơ trực tuyến",
        "Tỷ lệ hồ sơ nộp trực tuyến toàn trình đạt cao nhất từ trước đến nay nhờ "
        "ứng dụng chữ ký số trên điện thoại.",
    ),
    "tb-506-2023.md": _document(
        "506/TB-VPUB",
        "2023-11-01",
        "notice",
        "Lịch tiếp công dân của Chánh Văn phòng quý IV năm 2023",
        "Chánh Văn phòng tiếp công dân vào sáng thứ Năm hằng tuần tại phòng tiếp dân.",
    ),
    "tb-506-2025.md": _document(
        "506/TB-VPUB",
        "2025-10-01",
        "notice",
        "Lịch tiếp công dân của Chánh Văn phòng quý IV năm 2025",
        "Chánh Văn phòng tiếp công dân vào sáng thứ Năm hằng tuần tại phòng tiếp dân.",
    ),
    "bc-507-2024.md": _document(
        "507/BC-VPUB",
        "2024-12-20",
        "report",
        "Tổng kết phong trào thi đua xây dựng nông thôn mới kiểu mẫu",
        "Nhiều bản làng người Mông, người Thái đã hoàn thành tiêu chí nông thôn mới kiểu mẫu; "
        "mô hình trồng cà phê Arabica trên đất dốc được nhân rộng.",
    ),
    "kh-508-2024.md": _document(
        "508/KH-VPUB",
        "2024-02-05",
        "plan",
        "Tổ chức Tết trồng cây đời đời nhớ ơn Bác Hồ",
        "Mỗi cơ quan, đơn vị trồng ít nhất một trăm cây xanh tại khuôn viên và dọc quốc lộ 6.",
    ),
    "tb-509-2025.md": _document(
        "509/TB-VPUB",
        "2025-04-10",
        "notice",
        "Sử dụng hộp thư điện tử công vụ thay cho thư cá nhân",
        "Công chức không dùng hộp thư cá nhân để gửi văn bản có nội dung công vụ.",
    ),
}


@dataclass(frozen=True)
class Query:
    text: str
    kind: str
    expected: tuple[str, int] | None  # (number, year) of the document a reader wants first


QUERIES: list[Query] = [
    # By number, exactly as printed, without accents, or without the leading zero.
    Query("501/TB-VPUB", "number", ("501/TB-VPUB", 2024)),
    Query("502/TB-VPUB", "number", ("502/TB-VPUB", 2025)),
    Query("503/KH-VPUB", "number", ("503/KH-VPUB", 2025)),
    Query("505/BC-VPUB", "number", ("505/BC-VPUB", 2025)),
    Query("506/TB-VPUB", "number", ("506/TB-VPUB", 2025)),
    Query("507/bc-vpub", "number", ("507/BC-VPUB", 2024)),
    Query("429-QĐ/TU", "number", ("429-QĐ/TU", 2015)),
    Query("429-QD/TU", "number", ("429-QĐ/TU", 2015)),
    Query("09-HD/BDVTU", "number", ("09-HD/BDVTU", 2015)),
    Query("07/KH-VPUB", "number", ("07/KH-VPUB", 2025)),
    Query("7/KH-VPUB", "number", ("07/KH-VPUB", 2025)),
    Query("14/TB-VPUB", "number", ("14/TB-VPUB", 2025)),
    # By part of a number.
    Query("501", "partial number", ("501/TB-VPUB", 2024)),
    Query("503", "partial number", ("503/KH-VPUB", 2025)),
    Query("506/TB", "partial number", ("506/TB-VPUB", 2025)),
    Query("508/KH", "partial number", ("508/KH-VPUB", 2024)),
    Query("429", "partial number", ("429-QĐ/TU", 2015)),
    Query("509", "partial number", ("509/TB-VPUB", 2025)),
    # By words of the title, typed without accents, in any case.
    Query("rung phong ho", "title words", ("501/TB-VPUB", 2024)),
    Query("quy che quan ly rung", "title words", ("501/TB-VPUB", 2024)),
    Query("sat lo dat", "title words", ("502/TB-VPUB", 2025)),
    Query("an toan dap thuy loi", "title words", ("503/KH-VPUB", 2025)),
    Query("an toàn đập", "title words", ("503/KH-VPUB", 2025)),
    Query("an toàn đáp ứng", "title words", ("504/KH-VPUB", 2025)),
    Query("HO SO TRUC TUYEN", "title words", ("505/BC-VPUB", 2025)),
    Query("lich tiep cong dan", "title words", ("506/TB-VPUB", 2025)),
    Query("tiep cong dan 2023", "title words", ("506/TB-VPUB", 2023)),
    Query("nong thon moi kieu mau", "title words", ("507/BC-VPUB", 2024)),
    Query("tet trong cay", "title words", ("508/KH-VPUB", 2024)),
    Query("hop thu cong vu", "title words", ("509/TB-VPUB", 2025)),
    Query("Quy định đối thoại trực tiếp người đứng đầu", "title words", ("429-QĐ/TU", 2015)),
    # By a phrase of the text.
    Query("chiềng khoi", "text phrase", ("503/KH-VPUB", 2025)),
    Query("binh chua chay", "text phrase", ("504/KH-VPUB", 2025)),
    Query("chu ky so tren dien thoai", "text phrase", ("505/BC-VPUB", 2025)),
    Query("ca phe arabica", "text phrase", ("507/BC-VPUB", 2024)),
    Query("quoc lo 6", "text phrase", ("508/KH-VPUB", 2024)),
    Query("lòng hồ thủy điện", "text phrase", ("501/TB-VPUB", 2024)),
    # Must return nothing: numbers nobody carries, words nobody wrote.
    Query("340/TB-VPUB", "nothing", None),
    Query("999/KH-VPUB", "nothing", None),
    Query("501/KH-VPUB", "nothing", None),
    Query("14/QĐ-UBND", "nothing", None),
    Query("rung phong ho ca mau", "nothing", None),
    Query("xyzzy", "nothing", None),
    Query("đập thủy điện hòa bình", "nothing", None),
    Query("tet trung thu", "nothing", None),
]


def expected_path(number: str, year: int) -> str:
    parsed = parse_number(number)
    assert parsed is not None, number
    return f"van-ban/{year}/{number_slug(parsed)}/"


def write_site(docs: int, out: Path) -> Path:
    """The corpus and the documents above, as a site root; returns it."""
    Corpus(docs).write(out)
    root = out / "site"
    for name, text in DOCUMENTS.items():
        (root / "content" / "relevance").mkdir(parents=True, exist_ok=True)
        (root / "content" / "relevance" / name).write_text(text, encoding="utf-8")
    return root


def ask(page, query: str) -> tuple[int, list[str]]:  # type: ignore[no-untyped-def]
    """Type a query in the header box; the count shown and the addresses of the results."""
    page.fill("#vb-search-input", query)
    page.wait_for_function(
        "q => document.querySelector('.vb-search__results').dataset.query === q", arg=query
    )
    status = page.locator(".vb-search__count").inner_text()
    shown = page.locator(".vb-search__list a").evaluate_all("links => links.map(a => a.href)")
    partial = page.locator(".vb-search__partial").is_visible()
    total = 0 if partial or not status[:1].isdigit() else int(status.split()[0])
    return total, [] if partial else shown


def measure(site_dir: Path) -> list[dict[str, object]]:
    from playwright.sync_api import sync_playwright

    rows: list[dict[str, object]] = []
    with search_probe.serve_folder(site_dir) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=search_probe.CHROMIUM, args=search_probe.ARGS)
        page = browser.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(url)
        for query in QUERIES:
            total, shown = ask(page, query.text)
            rank = None
            if query.expected:
                wanted = url + expected_path(*query.expected)
                rank = shown.index(wanted) + 1 if wanted in shown else None
            rows.append({"query": query, "total": total, "rank": rank, "shown": shown[:3]})
        browser.close()
    if errors:
        print("Console errors:", *errors, sep="\n  ")
    return rows


def report(rows: list[dict[str, object]]) -> str:
    lines = ["| query | kind | expected | matches | rank |", "| --- | --- | --- | ---: | ---: |"]
    for row in rows:
        query: Query = row["query"]  # type: ignore[assignment]
        expected = f"{query.expected[0]} ({query.expected[1]})" if query.expected else "nothing"
        rank = row["rank"] if query.expected else "–"
        lines.append(
            f"| `{query.text}` | {query.kind} | {expected} | {row['total']} | {rank or 'missing'} |"
        )
    wanted = [r for r in rows if r["query"].expected]  # type: ignore[attr-defined]
    empty = [r for r in rows if not r["query"].expected]  # type: ignore[attr-defined]
    first = sum(1 for r in wanted if r["rank"] == 1)
    top3 = sum(1 for r in wanted if r["rank"] and r["rank"] <= 3)  # type: ignore[operator]
    nothing = sum(1 for r in empty if r["total"] == 0)
    lines += [
        "",
        f"Expected document first: {first}/{len(wanted)} ({100 * first / len(wanted):.0f}%, "
        "goal ≥ 95%)",
        f"Expected document in the top 3: {top3}/{len(wanted)} "
        f"({100 * top3 / len(wanted):.0f}%, goal 100%)",
        f"Must-be-empty queries that return nothing: {nothing}/{len(empty)} "
        f"({100 * nothing / len(empty):.0f}%, goal 100%)",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--site", type=Path, help="a site already built from write_site()")
    parser.add_argument("--write", type=Path, help="only write the site root here")
    args = parser.parse_args()
    if args.write:
        print(write_site(args.docs, args.write))
        return
    if not search_probe.available():
        sys.exit("Needs Playwright and Debian's chromium (/usr/bin/chromium).")
    if args.site:
        print(report(measure(args.site)))
        return
    workdir = Path(tempfile.mkdtemp(prefix="portal-relevance-"))
    try:
        root = write_site(args.docs, workdir)
        portal = Path(sys.executable).parent / "portal"
        subprocess.run([str(portal), "build", "--site-dir", "built"], cwd=root, check=True)
        print(report(measure(root / "built")))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
