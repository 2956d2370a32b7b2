"""The build's jobs: the search index and the data files (feeds, calendars, open data), written
into the site folder by other processes while the generator renders the pages.

`portal build` runs both in one fresh process (`processes.Job`) handed the edition once: one
interpreter to start, one payload to pickle and unpickle (the documents' bodies are most of
it, and both jobs read them), where two fresh jobs paid for both twice. One after the other,
they still end long before the pages, which keep the build's own core busy far longer. The
preview forks the two jobs after every save, side by side, from a server that already holds
the site (see `processes.Job`).
"""

from __future__ import annotations

import copyreg
import dataclasses
import multiprocessing
from pathlib import Path
from typing import Any

from generator.datafiles import DataFilesJob, write_data_files
from generator.graph import Link
from generator.model import Document
from generator.pages.edition import Edition
from generator.processes import Job, Reducers
from generator.registry import Registry
from generator.search import IndexJob, entries_of, write_index
from generator.site import Site


def indexed(edition: Edition) -> list[Document]:
    """What search finds: the documents, and the answered petitions (unanswered ones are not
    in the edition at all)."""
    return edition.documents + edition.petitions


class SiteJobs:
    """The index (into ``site_dir/search``) and the data files, started once MkDocs has emptied
    ``site_dir``; ``finish`` waits for them, ``cancel`` stops them. ``fresh``: both in one new
    process (`portal build`); otherwise each forked on its own (the preview), or, where
    processes cannot be forked, both written by ``finish``."""

    def __init__(
        self,
        edition: Edition,
        site_name: str,
        site_url: str | None,
        site_dir: Path,
        fresh: bool = False,
        previous: Path | None = None,
    ) -> None:
        """``previous``: the site the build replaces, whose unchanged data files are linked
        (`datafiles.KeptFiles`; `portal build` only: the preview writes into its own site)."""
        self.job: Job | None = None
        self.parts: list[IndexJob | DataFilesJob] = []
        if fresh and "fork" in multiprocessing.get_all_start_methods():
            payload = (sent(edition), site_name, site_url, site_dir, previous)
            self.job = Job(write_site_files, payload, "portal-output", True, str(site_dir), SENT_AS)
            return
        documents = indexed(edition)
        urls = {d.path: edition.url_of(d) for d in documents}
        self.parts = [
            IndexJob(documents, urls, site_dir / "search", edition.site.root),
            DataFilesJob(edition, site_name, site_url, site_dir),
        ]

    def finish(self) -> None:
        if self.job is not None:
            exitcode = self.job.join()
            if exitcode != 0:
                raise RuntimeError(f"search index and data files failed (exit {exitcode})")
        try:
            for part in self.parts:
                part.finish()
        except BaseException:  # the other one is stopped, not left running behind the error
            self.cancel()
            raise

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
        for part in self.parts:
            part.cancel()


def sent(edition: Edition) -> Edition:
    """The edition as the fresh job gets it: what it writes from, without what only the
    pages need (the site's own lists and registry, the citation index, the pages, each
    item's references), which pickling and unpickling would walk object by object. A public
    build's site also holds the documents not published: the job never sees them."""
    return dataclasses.replace(
        edition,
        site=Site(edition.site.root),
        pages=[],
        registry=Registry([]),
        hidden=set(),
        problems={},
        page_by_src={},
        references={},
    )


# What of a document and of a link between two the jobs never read: where a document's
# citations are and what they resolved to (the pages link them), and where each of its
# frontmatter's values was written (for diagnostics). A third of the objects sent, at most
# a tenth of the bytes: sent empty. (`tests/test_jobs.py` holds the jobs' modules to it.)
NOT_SENT: dict[type, dict[str, type]] = {
    Document: {
        "citations": list,
        "references": list,
        "lines": dict,
        "columns": dict,
        "targets": list,
        "aliases": list,
        "invalid": frozenset,
    },
    Link: {"citations": list},
}


def _without(kind: type, fields: dict[str, type]) -> Any:
    def reduce(item: object) -> tuple[object, ...]:
        state = {**vars(item), **{name: empty() for name, empty in fields.items()}}
        return (copyreg.__newobj__, (kind,), state)

    return reduce


SENT_AS: Reducers = {kind: _without(kind, fields) for kind, fields in NOT_SENT.items()}


def write_site_files(
    edition: Edition,
    site_name: str,
    site_url: str | None,
    site_dir: Path,
    previous: Path | None = None,
) -> None:
    """The fresh job's work: the index first (its entries are strings of the edition's
    documents, so they cost nothing more), then the data files, with the caches of both in
    the site's ``.portal-cache/``."""
    documents = indexed(edition)
    urls = {d.path: edition.url_of(d) for d in documents}
    write_index(entries_of(documents, urls), site_dir / "search", edition.site.root)
    write_data_files(edition, site_name, site_url, site_dir, cache=True, previous=previous)
