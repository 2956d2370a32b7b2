"""What `portal build` hands its output job (`jobs.sent`, `jobs.SENT_AS`): less than the
edition holds, and the job writes from it every byte it writes from the whole edition."""

from __future__ import annotations

import ast
import pickle
import shutil
import sys
from datetime import date
from pathlib import Path

import pytest

from generator import jobs
from generator.cache import CACHE_DIR
from generator.jobs import NOT_SENT, SENT_AS, sent, write_site_files
from generator.pages.edition import make_edition
from generator.processes import _pickled
from generator.site import read_site
from tests.conftest import with_repository_site

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from corpus import Corpus

GENERATOR = Path(jobs.__file__).parent
# The modules the output job runs, besides the pages' helpers they call (which the byte
# comparison below covers).
JOB_MODULES = ["jobs", "search", "datafiles", "opendata", "feeds", "calendars", "publication"]
DRAFT = (
    "---\ntype: notice\nnumber: 99/TB-VPUB\nissued: 2026-02-01\n"
    "title: Dự thảo chưa công bố Mường La\nissuer: Văn phòng UBND tỉnh Sơn La\n"
    "status: draft\n---\n\nNội dung dự thảo Mường La.\n"
)


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _written(edition: object, out: Path) -> dict[str, bytes]:
    write_site_files(edition, "Thử", "https://example.gov.vn/", out)
    return _snapshot(out)


def _shipped(make_site: object) -> Path:
    root = with_repository_site(make_site(context=False), content=True)  # type: ignore[operator]
    (root / "content/van-ban/2026").mkdir(parents=True, exist_ok=True)
    (root / "content/van-ban/2026/du-thao-99-tb-vpub.md").write_text(DRAFT, encoding="utf-8")
    return root


def _corpus(tmp_path: Path) -> Path:
    corpus = Corpus(150)
    corpus.generate()
    corpus.write(tmp_path / "corpus")
    return tmp_path / "corpus" / "site"


@pytest.mark.parametrize("which", ["shipped", "corpus"])
def test_the_job_writes_the_same_files_from_what_it_is_sent(make_site, tmp_path, which):
    """Index, feeds, calendars and open data from the edition sent as `portal build` sends it
    (pickled with the fields no job reads left empty, then unpickled) are those written from
    the whole edition, on the shipped site and on a corpus with citations between documents."""
    root = _shipped(make_site) if which == "shipped" else _corpus(tmp_path)
    edition = make_edition(read_site(root), date(2026, 6, 1), history=False)
    assert any(link for d in edition.documents for link in edition.graph.based_on(d))
    whole = _written(edition, tmp_path / "whole")
    shutil.rmtree(root / CACHE_DIR)  # each written afresh, not from what the first kept
    received = pickle.loads(_pickled(sent(edition), SENT_AS))
    assert received.documents and not received.documents[0].citations
    assert not received.site.documents and not received.references
    assert _written(received, tmp_path / "sent") == whole
    assert len(whole) > 20


def test_a_public_build_sends_its_job_no_draft(make_site):
    """The site read holds the drafts; the edition of a public build leaves them out, and so
    does what its job is sent (the whole edition, through its site, carried them)."""
    root = _shipped(make_site)
    edition = make_edition(read_site(root), date(2026, 6, 1), history=False)
    title = "Dự thảo chưa công bố Mường La".encode()
    assert title in pickle.dumps(edition)  # what was sent before
    assert title not in _pickled(sent(edition), SENT_AS)


@pytest.mark.parametrize("module", JOB_MODULES)
def test_no_job_reads_a_field_it_is_not_sent(module):
    """The job's own modules never read a field `NOT_SENT` leaves empty (by attribute: a
    string such as an open data key of the same name is no read)."""
    names = {name for fields in NOT_SENT.values() for name in fields}
    tree = ast.parse((GENERATOR / f"{module}.py").read_text(encoding="utf-8"))
    read = {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)}
    assert read & names == set()
