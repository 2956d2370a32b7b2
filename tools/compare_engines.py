"""Build the site with MkDocs and with ProperDocs and check that the two sites are the same.

ProperDocs is a maintained drop-in fork of MkDocs 1.x (generator/engine.py): switching to it
must change nothing a reader gets. Two sites are the same when they hold the same files with
the same bytes, except the generator meta tag of each HTML page (which names the engine) and
the header of gzip files (compared by their content).

    python tools/compare_engines.py [--root .] [--as-of YYYY-MM-DD] [--keep DIR]
    python tools/compare_engines.py SITE_A SITE_B

The first form builds the site root twice, each engine in a process of its own (an engine
cannot be swapped once loaded), and also checks that each build really ran on its engine. The
second compares two sites already built. Exit status 0 when they are the same, 1 when not
(the differences are listed), 2 when a build fails.
"""

from __future__ import annotations

import argparse
import difflib
import gzip
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ENGINES = ("mkdocs", "properdocs")
# Material writes `<meta name="generator" content="mkdocs-1.6.1, mkdocs-material-9.8.2">`;
# under ProperDocs the engine's part reads "mkdocs-ProperDocs 1.6.7".
GENERATOR = re.compile(rb'<meta name="generator" content="([^"]*)">')
SHOWN = 20  # differing files listed in full; the rest are counted


@dataclass
class Comparison:
    only_first: list[str] = field(default_factory=list)
    only_second: list[str] = field(default_factory=list)
    differing: dict[str, str] = field(default_factory=dict)  # path -> the start of a diff
    compared: int = 0

    @property
    def same(self) -> bool:
        return not (self.only_first or self.only_second or self.differing)

    def report(self, first: str, second: str) -> str:
        if self.same:
            return f"{self.compared} tệp giống hệt nhau (trừ thẻ meta generator)."
        lines = []
        for name, paths in ((first, self.only_first), (second, self.only_second)):
            if paths:
                lines.append(f"{len(paths)} tệp chỉ có ở {name}:")
                lines += [f"  {p}" for p in paths[:SHOWN]]
        if self.differing:
            lines.append(f"{len(self.differing)} tệp khác nhau:")
            for path, excerpt in list(self.differing.items())[:SHOWN]:
                lines.append(f"  {path}")
                lines += [f"    {line}" for line in excerpt.splitlines()]
            if len(self.differing) > SHOWN:
                lines.append(f"  ... và {len(self.differing) - SHOWN} tệp khác")
        return "\n".join(lines)


def files_of(site: Path) -> dict[str, Path]:
    return {p.relative_to(site).as_posix(): p for p in site.rglob("*") if p.is_file()}


def normalised(path: Path) -> bytes:
    """What must be equal: HTML without its generator meta tag, gzip files by their content."""
    data = path.read_bytes()
    if path.suffix == ".gz":
        # The gzip header holds a time stamp and a file name that are not the site's content.
        data = gzip.decompress(data)
    if path.suffix == ".html":
        data = GENERATOR.sub(b"", data)
    return data


def _excerpt(first: bytes, second: bytes) -> str:
    try:
        a, b = first.decode("utf-8"), second.decode("utf-8")
    except UnicodeDecodeError:
        return f"(nhị phân: {len(first)} và {len(second)} byte)"
    diff = difflib.unified_diff(a.splitlines(), b.splitlines(), lineterm="", n=0)
    return "\n".join(line[:200] for line in list(diff)[2:12])


def compare(first: Path, second: Path) -> Comparison:
    ours, theirs = files_of(first), files_of(second)
    result = Comparison(
        only_first=sorted(ours.keys() - theirs.keys()),
        only_second=sorted(theirs.keys() - ours.keys()),
    )
    for path in sorted(ours.keys() & theirs.keys()):
        result.compared += 1
        a, b = normalised(ours[path]), normalised(theirs[path])
        if a != b:
            result.differing[path] = _excerpt(a, b)
    return result


def generator_of(site: Path) -> str:
    """The generator meta tag of the home page: which engine and theme built the site."""
    match = GENERATOR.search((site / "index.html").read_bytes())
    return match[1].decode("utf-8") if match else ""


def build(root: Path, engine: str, site_dir: Path, as_of: str) -> subprocess.CompletedProcess:
    """`portal build --engine ENGINE` in a process of its own."""
    command = [sys.executable, "-m", "generator.cli", "--root", str(root), "build"]
    command += ["--engine", engine, "--as-of", as_of, "--site-dir", str(site_dir)]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def build_and_compare(root: Path, work: Path, as_of: str) -> tuple[Comparison, dict[str, str]]:
    """Build ``root`` with each engine into ``work``; the comparison and each generator tag.

    Raises RuntimeError when a build fails or a site does not name the engine that built it.
    """
    sites = {}
    for engine in ENGINES:
        site = work / engine
        done = build(root, engine, site, as_of)
        if done.returncode != 0:
            raise RuntimeError(
                f"portal build --engine {engine} thoát với mã {done.returncode}:\n{done.stderr}"
            )
        sites[engine] = site
    generators = {engine: generator_of(site) for engine, site in sites.items()}
    if "ProperDocs" not in generators["properdocs"] or "ProperDocs" in generators["mkdocs"]:
        raise RuntimeError(f"trang không do đúng bộ dựng tạo ra: {generators}")
    return compare(sites["mkdocs"], sites["properdocs"]), generators


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sites", nargs="*", type=Path, help="two built sites to compare")
    parser.add_argument("--root", type=Path, default=Path("."), help="the site root to build")
    parser.add_argument("--as-of", default=date.today().isoformat(), help="the build date")
    parser.add_argument("--keep", type=Path, help="build into this folder and leave it there")
    args = parser.parse_args(argv)
    if args.sites:
        if len(args.sites) != 2:
            parser.error("give two sites, or none to build both")
        first, second = args.sites
        result = compare(first, second)
        print(result.report(str(first), str(second)))
        return 0 if result.same else 1
    with tempfile.TemporaryDirectory(prefix="portal-engines-") as temporary:
        work = args.keep or Path(temporary)
        try:
            result, generators = build_and_compare(args.root.resolve(), work, args.as_of)
        except RuntimeError as error:
            print(f"compare_engines: {error}", file=sys.stderr)
            return 2
    for engine, generator in generators.items():
        print(f"{engine}: {generator}")
    print(result.report("MkDocs", "ProperDocs"))
    return 0 if result.same else 1


if __name__ == "__main__":
    sys.exit(main())
