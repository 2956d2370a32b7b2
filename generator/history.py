"""History: when each file under content/ was posted and when its text last changed, from git.

Only dates reach the public page ("Ngày đăng", "Cập nhật lần cuối"); commit messages are an
editor's working notes and are never read. What a correction changed is told by the editor in
the document's own `corrections` list. Outside a git checkout there is simply no history.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from generator.siteroot import SiteRoot


@dataclass(frozen=True)
class Change:
    """One commit that touched a file, and what the file said then.

    ``published`` and ``text`` are read from the file's version only when the file has more than
    one commit (``None`` and "" otherwise): a single version was both posted and last changed
    by that commit, whatever it says.
    """

    day: date
    commit: str
    published: bool | None = None
    text: str = ""  # a digest of the title and body: equal digests, same public text


@dataclass(frozen=True)
class PublicDates:
    posted: date | None  # Ngày đăng: the first version published on the portal
    updated: date | None  # Cập nhật lần cuối: the last change of the text after that


def public_dates(changes: list[Change], publish_at: date | None = None) -> PublicDates:
    """The dates a reader is told, from a file's commits (newest first).

    A version is posted on the day of the first commit in which it is published (or its
    `publish_at`, if later). Later commits count as an update only when they change the title or
    the body: fixing a tag, a topic or a typo in the frontmatter is not a new text.
    """
    oldest_first = list(reversed(changes))
    posted_at = next(
        (i for i, change in enumerate(oldest_first) if change.published is not False), None
    )
    if posted_at is None:
        return PublicDates(None, None)
    posted = oldest_first[posted_at].day
    if publish_at and publish_at > posted:
        posted = publish_at
    updated = None
    previous = oldest_first[posted_at]
    for change in oldest_first[posted_at + 1 :]:
        if change.published is not False and change.text != previous.text:
            updated = change.day
        if change.published is not False:
            previous = change
    if updated is not None and updated <= posted:
        updated = None
    return PublicDates(posted, updated)


def read_history(layout: SiteRoot) -> dict[str, list[Change]]:
    """Commits touching each file of the content folder (path relative to the root), newest
    first."""
    root = layout.root
    log = _git(
        root,
        "log",
        "--no-merges",
        "--no-renames",
        "--relative",
        "--raw",
        "--no-abbrev",
        "--format=%x1e%H%x1f%cs",
        "--",
        layout.content_name,
    )
    if log is None:
        return {}
    versions: dict[str, list[tuple[date, str, str]]] = {}
    for record in log.split("\x1e")[1:]:
        header, _, raw = record.partition("\n")
        commit, day = header.split("\x1f", 1)
        for line in raw.splitlines():
            # ":100644 100644 <old blob> <new blob> M\tcontent/x.md"
            meta, tab, name = line.partition("\t")
            fields = meta.split()
            if not tab or len(fields) < 5 or not name.endswith(".md"):
                continue
            versions.setdefault(name, []).append((date.fromisoformat(day), commit, fields[3]))
    blobs = {blob for found in versions.values() if len(found) > 1 for _, _, blob in found}
    contents = _read_blobs(root, blobs)
    history: dict[str, list[Change]] = {}
    for name, found in versions.items():
        changes = []
        for day, commit, blob in found:
            if len(found) == 1:
                changes.append(Change(day, commit))
            else:
                published, text = _public_text(contents.get(blob, ""))
                changes.append(Change(day, commit, published, text))
        history[name] = changes
    return history


def _git(root: Path, *args: str, data: bytes | None = None) -> str | None:
    try:
        result = subprocess.run(
            ["git", "-C", str(root), *args],
            input=data,
            capture_output=True,
            timeout=120,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if result.returncode != 0:
        return None
    return result.stdout.decode("utf-8", errors="replace")


def _read_blobs(root: Path, blobs: set[str]) -> dict[str, str]:
    """Every version needed, in one `git cat-file --batch` rather than one process per file."""
    wanted = sorted(b for b in blobs if b.strip("0"))  # all zeros: the file was deleted
    if not wanted:
        return {}
    try:
        result = subprocess.run(
            ["git", "-C", str(root), "cat-file", "--batch"],
            input="".join(f"{blob}\n" for blob in wanted).encode(),
            capture_output=True,
            timeout=300,
        )
    except (OSError, subprocess.SubprocessError):
        return {}
    out = result.stdout
    contents: dict[str, str] = {}
    offset = 0
    while offset < len(out):
        end = out.index(b"\n", offset)
        header = out[offset:end].split()
        offset = end + 1
        if len(header) < 3 or header[1] != b"blob":
            continue
        size = int(header[2])
        contents[header[0].decode()] = out[offset : offset + size].decode("utf-8", "replace")
        offset += size + 1
    return contents


_FRONT = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)^---[ \t]*\r?$\n?", re.S | re.M)
_STATUS = re.compile(r"^status:[ \t]*['\"]?(\w+)", re.M)
_TITLE = re.compile(r"^title:[ \t]*(.*)$", re.M)


def _public_text(content: str) -> tuple[bool | None, str]:
    """Whether a version is published, and a digest of the text a reader sees in it."""
    if not content:
        return False, ""
    match = _FRONT.match(content)
    front, body = (match.group(1), content[match.end() :]) if match else ("", content)
    status = _STATUS.search(front)
    title = _TITLE.search(front)
    published = status.group(1) == "published" if status else None
    text = (title.group(1).strip() if title else "") + "\n" + " ".join(body.split())
    return published, hashlib.sha1(text.encode()).hexdigest()
