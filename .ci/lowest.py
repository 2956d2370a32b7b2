"""Print pip constraints pinning every dependency of pyproject.toml to its lower bound.

CI installs the project once with the newest versions pip resolves and once with these, so
both ends of every declared range are tested.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import tomllib

project = tomllib.loads(Path(sys.argv[1] if len(sys.argv) > 1 else "pyproject.toml").read_text())[
    "project"
]
requirements = list(project["dependencies"])
for extra in project.get("optional-dependencies", {}).values():
    requirements += extra
for requirement in requirements:
    match = re.match(r"\s*([A-Za-z0-9_.\-\[\]]+?)\s*(?:\[.*\])?\s*>=\s*([^,;\s]+)", requirement)
    if match is None:
        sys.exit(f"no lower bound in {requirement!r}: every dependency needs one")
    name = re.sub(r"\[.*\]", "", match[1])
    print(f"{name}=={match[2]}")
