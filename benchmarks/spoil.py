"""Copy a corpus written by corpus.py and spoil a fifth of its files, so that comparing two
versions of `portal check` (check_speed.py --corpus) compares diagnostics of many kinds, not
an empty list.

    python benchmarks/spoil.py /tmp/c10k /tmp/c10k-spoiled
    python benchmarks/check_speed.py --corpus /tmp/c10k-spoiled --baseline /tmp/portal-old

About 15% of the files get a line that breaks a body rule or a citation (wrong or impossible
dates, unknown numbers, doubled words, phone and ID numbers, HTML, an unclosed comment, fenced
code, links, unnumbered laws, short references, loose spellings); about 4% get a spoiled
frontmatter (fullwidth digits, a date that makes a reference later, a draft, an unknown key,
a leading zero). Deterministic (seed 15).
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

EXTRAS = [
    "\nLiên hệ ông Nguyễn Văn An, số 0912 345 678, email an.nguyen@gmail.com.\n",
    "\nCăn cứ Kế hoạch số 999/KH-VPUB ngày 31/02/2020 của Văn phòng UBND tỉnh.\n",
    "\nThực hiện Quyết định số 12/TB-VPUB ngày 01/01/2019 về việc việc tổ chức.\n",
    "\n<script>alert(1)</script> và <b>đậm</b>\n",
    "\n<!-- ghi chú chưa đóng\n",
    "\n~~~\nmã 12/KH-VPUB\n~~~\n",
    '\nXem [phụ lục](phu-luc.pdf) và ![ảnh](anh.png); href="x.pdf"\n',
    "\nTheo Nghị định 178 và Luật Đất đai ngày 29 tháng 11 năm 2013, Bộ luật Dân sự 2015.\n",
    "\nCăn cứ Thông báo số 2927 -TB/TU ngày 5/3/2021 và Chỉ thị số 06/CT-TTG.\n",
    "\nsố CCCD 001234567890 của người dân.\n",
    "\nkiến nghị kiến nghị của của cử tri.\n",
    "\n`mã 340/TB-VPUB` trong dòng.\n",
]
FRONTMATTER = [  # (share of files, text replaced, replacement)
    (0.02, "references:\n  - ", "references:\n  - １"),
    (0.01, "issued: 20", "issued: 19"),
    (0.005, "status: published", "status: draft"),
    (0.005, "title:", "titel:"),
    (0.005, "number: ", "number: 0"),
]


def spoil(source: Path, target: Path) -> int:
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target)
    files = sorted((target / "site" / "content").rglob("*.md"))
    chance = random.Random(15)
    for path in files:
        roll = chance.random()
        text = path.read_text(encoding="utf-8")
        if roll < 0.15:
            text += chance.choice(EXTRAS)
        else:
            bound = 0.15
            for share, old, new in FRONTMATTER:
                bound += share
                if roll < bound:
                    text = text.replace(old, new, 1)
                    break
        path.write_text(text, encoding="utf-8")
    return len(files)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path, help="a folder written by corpus.py")
    parser.add_argument("target", type=Path, help="where the spoiled copy goes (replaced)")
    arguments = parser.parse_args()
    print(f"{spoil(arguments.source, arguments.target)} tệp → {arguments.target}")


if __name__ == "__main__":
    main()
