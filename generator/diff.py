"""`portal diff BASE [HEAD]`: the public pages a change adds, changes, removes and moves.

Both revisions are read and rendered as the public would get them (no drafts), and their pages
compared: a document's page changes when its own text or metadata does, and also when what it
shows of others does (a new citing document appears in its "Văn bản liên quan"). Pages are
matched by address; a document whose address changed (its number did) is a move.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from generator.pages import make_edition, render_pages
from generator.petitions import url_scheme
from generator.site import read_site
from generator.siteroot import SiteRoot


class DiffError(Exception):
    """A revision git does not know, or a folder that is not a git checkout."""


@dataclass(frozen=True)
class Entry:
    url: str
    number: str
    title: str
    source: str  # file under content/, to recognise a move
    fingerprint: str


def _git(root: Path, *args: str) -> bytes:
    try:
        result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, timeout=120)
    except (OSError, subprocess.SubprocessError) as error:
        raise DiffError(f"không chạy được git: {error}") from None
    if result.returncode != 0:
        raise DiffError(result.stderr.decode("utf-8", "replace").strip() or "git báo lỗi")
    return result.stdout


def checkout(root: Path, revision: str, into: Path) -> Path:
    """The site root (mkdocs.yml + content/) as it was at ``revision``."""
    prefix = _git(root, "rev-parse", "--show-prefix").decode().strip()
    archive = _git(root, "archive", "--format=tar", f"{revision}:{prefix}")
    layout = SiteRoot(into)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        members = [
            m
            for m in tar.getmembers()
            if (m.name == layout.config_name or layout.is_in_content(m.name))
            and (m.isfile() or m.isdir())
        ]
        tar.extractall(into, members=members, filter="data")
    layout.content.mkdir(exist_ok=True)
    return into


def public_pages(root: Path, as_of: date) -> dict[str, Entry]:
    site = read_site(root, workers=1)
    edition = make_edition(site, as_of, history=False, urls=url_scheme(root))
    address = edition.urls.url
    rendered = render_pages(edition, root)
    entries = {}
    for document in edition.documents:
        src = edition.src_of(document)
        page = rendered[src]
        entries[address(src)] = Entry(
            address(src),
            document.number_text or "",
            document.title,
            document.path,
            page.markdown + page.before + page.after + repr(sorted(page.meta.items())),
        )
    for petition in edition.petitions:  # answered petitions: the Q&A section's pages
        src = edition.src_of(petition)
        page = rendered[src]
        fingerprint = page.markdown + page.before + page.after + repr(sorted(page.meta.items()))
        entries[address(src)] = Entry(address(src), "", petition.title, petition.path, fingerprint)
    for page in edition.pages:
        src = site.layout.in_content(page.path)
        text = (root / page.path).read_text(encoding="utf-8", errors="replace")
        entries[address(src)] = Entry(address(src), "", page.title, page.path, text)
    return entries


def compare(base: dict[str, Entry], head: dict[str, Entry]) -> dict[str, list[dict[str, str]]]:
    # Addresses from the site root, as a reader types them after the domain: the same form
    # in every output format.
    def item(entry: Entry) -> dict[str, str]:
        return {"url": f"/{entry.url}", "number": entry.number, "title": entry.title}

    base_by_source = {e.source: e for e in base.values()}
    head_by_source = {e.source: e for e in head.values()}
    moves = [
        (entry, head_by_source[source])
        for source, entry in sorted(base_by_source.items())
        if source in head_by_source and head_by_source[source].url != entry.url
    ]
    moved_from = {old.url for old, _new in moves}
    moved_to = {new.url for _old, new in moves}
    return {
        "added": [
            item(e) for url, e in sorted(head.items()) if url not in base and url not in moved_to
        ],
        "changed": [
            item(e)
            for url, e in sorted(head.items())
            if url in base and base[url].fingerprint != e.fingerprint
        ],
        "removed": [
            item(e) for url, e in sorted(base.items()) if url not in head and url not in moved_from
        ],
        "moved": [{**item(new), "from": f"/{old.url}"} for old, new in moves],
    }


def diff(root: Path, base: str, head: str | None, as_of: date) -> dict[str, list[dict[str, str]]]:
    with tempfile.TemporaryDirectory(prefix="portal-diff-") as temporary:
        base_root = checkout(root, base, Path(temporary) / "base")
        head_root = root if head is None else checkout(root, head, Path(temporary) / "head")
        return compare(public_pages(base_root, as_of), public_pages(head_root, as_of))


_HEADINGS = {
    "added": "Trang mới",
    "changed": "Trang thay đổi",
    "removed": "Trang bị gỡ",
    "moved": "Trang chuyển địa chỉ (địa chỉ cũ tự chuyển tiếp)",
}


def as_text(changes: dict[str, list[dict[str, str]]]) -> str:
    if not any(changes.values()):
        return "Thay đổi này không làm đổi trang công khai nào.\n"
    lines = []
    for kind, heading in _HEADINGS.items():
        if changes[kind]:
            lines.append(f"{heading} ({len(changes[kind])}):")
            for entry in changes[kind]:
                where = f"{entry['from']} → {entry['url']}" if kind == "moved" else entry["url"]
                name = " ".join(x for x in (entry["number"], entry["title"]) if x)
                lines.append(f"  {where}  {name}")
    return "\n".join(lines) + "\n"


def as_markdown(changes: dict[str, list[dict[str, str]]]) -> str:
    if not any(changes.values()):
        return "**Cổng thông tin:** thay đổi này không làm đổi trang công khai nào.\n"
    out = ["### Thay đổi trên Cổng thông tin", ""]
    for kind, heading in _HEADINGS.items():
        if not changes[kind]:
            continue
        out += [
            f"**{heading}** ({len(changes[kind])})",
            "",
            "| Địa chỉ | Số ký hiệu | Trích yếu |",
            "| --- | --- | --- |",
        ]
        for entry in changes[kind]:
            where = f"`{entry['url']}`" + (f" (từ `{entry['from']}`)" if kind == "moved" else "")
            title = entry["title"].replace("|", "\\|")
            out.append(f"| {where} | {entry['number'] or '—'} | {title} |")
        out.append("")
    return "\n".join(out) + "\n"
