"""Where a site lives: its root folder, its configuration file and its content folder.

A small value handed down to whatever touches the file system (``Site.layout``, and through it
``Edition.site.layout``), so that no stage imports ``generator.site`` (which runs the checks,
and so pulls the whole ``check`` package in) only to learn a folder's name. It imports nothing
of ours: it sits with ``load`` at the start of the stage order.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

CONFIG_FILE = "mkdocs.yml"
CONTENT_DIR = "content"


class NotASiteRoot(Exception):
    """Raised when a command runs outside a folder holding mkdocs.yml and content/."""


@dataclass(frozen=True)
class SiteRoot:
    """A site root: ``root/mkdocs.yml`` and ``root/content/``.

    Paths of documents (``Document.path``) are relative to ``root``, forward slashes, so they
    start with ``content_name + "/"``; ``in_content`` gives the part below the content folder,
    which is what the generator's docs folder holds.
    """

    root: Path
    config_name: str = CONFIG_FILE
    content_name: str = CONTENT_DIR

    @property
    def config(self) -> Path:
        return self.root / self.config_name

    @property
    def content(self) -> Path:
        return self.root / self.content_name

    def is_site_root(self) -> bool:
        return self.config.is_file() and self.content.is_dir()

    def missing(self) -> list[str]:
        """The names of the configuration file and content folder that do not exist."""
        names = (self.config_name, self.content_name)
        return [name for name in names if not (self.root / name).exists()]

    def require(self) -> None:
        missing = self.missing()
        if missing:
            raise NotASiteRoot(
                f"Thư mục {self.root} không phải thư mục gốc của trang (thiếu "
                f"{', '.join(missing)}). Chạy lệnh trong thư mục chứa mkdocs.yml và content/."
            )

    def in_content(self, path: str) -> str:
        """``content/van-ban/x.md`` → ``van-ban/x.md``; a path outside it is returned as it is."""
        return path.removeprefix(f"{self.content_name}/")

    def is_in_content(self, path: str) -> bool:
        """Whether a root-relative, forward-slash path lies below the content folder."""
        return path.startswith(f"{self.content_name}/")
