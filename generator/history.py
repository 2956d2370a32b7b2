"""History: when each file under content/ changed, and why, from git — for corrections (đính
chính) to be visible to the public. Outside a git checkout there is simply no history."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from generator.site import CONTENT_DIR


@dataclass(frozen=True)
class Change:
    day: date
    message: str
    commit: str


def read_history(root: Path) -> dict[str, list[Change]]:
    """Commits touching each file (path relative to the site root), newest first."""
    try:
        result = subprocess.run(
            [
                "git",
                "-C",
                str(root),
                "log",
                "--no-merges",
                "--relative",
                "--name-only",
                "--format=%x1e%h%x1f%cs%x1f%s",
                "--",
                CONTENT_DIR,
            ],
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=120,
        )
    except (OSError, subprocess.SubprocessError):
        return {}
    if result.returncode != 0:
        return {}
    history: dict[str, list[Change]] = {}
    for record in result.stdout.split("\x1e")[1:]:
        header, _, names = record.partition("\n")
        commit, day, message = header.split("\x1f", 2)
        change = Change(date.fromisoformat(day), message.strip(), commit)
        for name in names.split("\n"):
            if name.strip():
                history.setdefault(name.strip(), []).append(change)
    return history
