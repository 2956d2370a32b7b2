"""Petitions (kiến nghị, phản ánh): their configuration, answer deadline and publication.

Petitions arrive through the office's channels; editors record each one as a `type: petition`
file without personal data. Only answered ones are ever published (``public_petitions``).
The configuration lives in mkdocs.yml under the portal plugin, and is read here without MkDocs
so that `portal check` and `portal digest` see the same values as the build.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path, PurePosixPath
from typing import Any

from generator.model import Document
from generator.urls import UrlScheme, ascii_slug

DEFAULT_AREAS = (
    "Tiếp công dân",
    "Thủ tục hành chính",
    "Hành chính - Quản trị",
    "Đất đai",
    "Xây dựng",
    "Chế độ, chính sách",
    "Khác",
)
DEFAULT_DEADLINE_DAYS = 15
PETITIONS_FOLDER = "hoi-dap"  # the public Q&A section


@dataclass(frozen=True)
class Contact:
    """Where citizens send petitions: shown on the "Gửi kiến nghị, phản ánh" page."""

    hotline: str = ""
    email: str = ""
    address: str = ""
    hours: str = ""
    national_portal: str = "https://dichvucong.gov.vn/p/phananhkiennghi/pakn-gui-phan-anh.html"


@dataclass(frozen=True)
class PetitionConfig:
    areas: tuple[str, ...] = DEFAULT_AREAS
    deadline_days: int = DEFAULT_DEADLINE_DAYS
    contact: Contact = field(default_factory=Contact)

    @classmethod
    def from_options(cls, options: dict[str, Any]) -> PetitionConfig:
        """From the plugin's options, as written in mkdocs.yml (unknown or wrong ones ignored:
        MkDocs itself validates them when it builds)."""
        areas = options.get("petition_areas")
        days = options.get("petition_deadline_days")
        contact = options.get("petition_contact")
        known = Contact.__dataclass_fields__
        return cls(
            areas=tuple(str(a) for a in areas)
            if isinstance(areas, list) and areas
            else DEFAULT_AREAS,
            deadline_days=days if isinstance(days, int) and days > 0 else DEFAULT_DEADLINE_DAYS,
            contact=Contact(
                **{k: str(v) for k, v in contact.items() if k in known and v is not None}
            )
            if isinstance(contact, dict)
            else Contact(),
        )


# mkdocs.yml could not be read (missing, not UTF-8, not YAML): every option has its default.
_UNREADABLE = object()


def _mkdocs_yml(root: Path) -> Any:
    """``root/mkdocs.yml`` as YAML data, or ``_UNREADABLE``. Tags such as !!python/name or
    !ENV are read as nothing. PyYAML is imported here: a `portal check` whose snapshot holds
    these options (most checks after an edit) imports no YAML at all."""
    import yaml

    try:
        return yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), _lenient_loader())
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return _UNREADABLE


@functools.cache
def _lenient_loader() -> type:
    import yaml

    class LenientLoader(yaml.SafeLoader):
        pass

    LenientLoader.add_multi_constructor("", lambda loader, suffix, node: None)
    return LenientLoader


def load_config(root: Path) -> PetitionConfig:
    """The portal plugin's petition options from ``root/mkdocs.yml``; defaults if unreadable."""
    data = _mkdocs_yml(root)
    if data is _UNREADABLE:
        return PetitionConfig()
    plugins = data.get("plugins") if isinstance(data, dict) else None
    if isinstance(plugins, dict):
        plugins = [{name: value} for name, value in plugins.items()]
    for entry in plugins if isinstance(plugins, list) else []:
        if isinstance(entry, dict) and isinstance(entry.get("portal"), dict):
            return PetitionConfig.from_options(entry["portal"])
    return PetitionConfig()


def url_scheme(root: Path) -> UrlScheme:
    """The site's URL scheme from `use_directory_urls` in mkdocs.yml (MkDocs' default if
    unreadable), for the commands that link to pages without running MkDocs."""
    data = _mkdocs_yml(root)
    if data is _UNREADABLE:
        return UrlScheme()
    return UrlScheme.from_config(data if isinstance(data, dict) else {})


def site_url(root: Path) -> str:
    """`site_url` of mkdocs.yml, ending in "/", or "" (links in the digest are then relative)."""
    data = _mkdocs_yml(root)
    if data is _UNREADABLE:
        return ""
    url = data.get("site_url") if isinstance(data, dict) else None
    if not isinstance(url, str) or not url.startswith(("https://", "http://")):
        return ""
    return url if url.endswith("/") else url + "/"


def add_working_days(start: date, days: int) -> date:
    """``days`` working days after ``start``, Saturdays and Sundays skipped."""
    current = start
    left = days
    while left > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            left -= 1
    return current


def deadline(petition: Document, config: PetitionConfig) -> date | None:
    if petition.received is None:
        return None
    return add_working_days(petition.received, config.deadline_days)


def is_answered(petition: Document) -> bool:
    """Answered in full: the state says so, with the date and the answer itself."""
    return petition.state == "answered" and petition.answered is not None and petition.has_text


def is_overdue(petition: Document, config: PetitionConfig, on: date) -> bool:
    due = deadline(petition, config)
    if due is None or petition.state in ("answered", "forwarded"):
        return False
    return on > due


def public_petitions(documents: Iterable[Document], as_of: date, drafts: bool) -> list[Document]:
    """Petitions the public may read: answered, published (or previewed), and due; newest
    answers first. An unanswered petition is never among them, whatever its status."""
    chosen = [
        d
        for d in documents
        if d.is_petition
        and is_answered(d)
        and (drafts or (d.published and (d.publish_at is None or d.publish_at <= as_of)))
    ]
    return sorted(chosen, key=lambda d: (-(d.answered or date.min).toordinal(), d.path))


def petition_sources(petitions: list[Document]) -> dict[str, str]:
    """Each petition's page: "hoi-dap/2025/thoi-han-tra-ket-qua.md", from its file name, so
    editing a petition never moves it; two files of one name get the later one a suffix."""
    sources: dict[str, str] = {}
    taken: set[str] = set()
    for petition in sorted(petitions, key=lambda d: d.path):
        year = petition.received.year if petition.received else "khac"
        slug = ascii_slug(PurePosixPath(petition.path).stem) or "kien-nghi"
        src, n = f"{PETITIONS_FOLDER}/{year}/{slug}.md", 2
        while src in taken:
            src, n = f"{PETITIONS_FOLDER}/{year}/{slug}-{n}.md", n + 1
        taken.add(src)
        sources[petition.path] = src
    return sources
