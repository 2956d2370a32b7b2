"""The listings by type of document, in the order the office's readers expect them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from generator.model import Document


@dataclass(frozen=True)
class Category:
    slug: str
    title: str
    accepts: Callable[[Document], bool]

    @property
    def src(self) -> str:
        return f"van-ban/{self.slug}/index.md"


def _of(*keys: str) -> Callable[[Document], bool]:
    return lambda d: d.doctype is not None and d.doctype.key in keys


_MAIN = ("plan", "agenda", "notice", "conclusion", "report")
CATEGORIES = [
    Category("ke-hoach", "Kế hoạch", _of("plan")),
    Category("chuong-trinh", "Chương trình", _of("agenda")),
    Category("thong-bao", "Thông báo", _of("notice")),
    Category("thong-bao-ket-luan", "Thông báo kết luận", _of("conclusion")),
    Category("bao-cao", "Báo cáo", _of("report")),
    Category("van-ban-khac", "Văn bản khác", lambda d: not _of(*_MAIN)(d)),
]


def category_of(document: Document) -> Category:
    return next(c for c in CATEGORIES if c.accepts(document))


def listed(documents: list[Document]) -> list[Category]:
    """The categories that hold at least one document: the menu links to no empty listing."""
    return [c for c in CATEGORIES if any(c.accepts(d) for d in documents)]
