"""Search: a static index for Vietnamese that works without accents and stays small.

Readers type on phones, often without accents: "doi thoai" must find "đối thoại". Text is
folded (lower case, đ→d, accents stripped; `assets/search.js` folds queries the same way) and
cut into syllables, and every pair of adjacent syllables is a term of its own: Vietnamese words
are mostly two syllables, each of them very common alone, so pairs find words, not noise.
Postings are hashed into shard files, so a query fetches only the shards of its terms, and the
metadata of results comes in small chunks fetched only for the results shown. Nothing is
downloaded until the reader opens the search box.
"""

from __future__ import annotations

import itertools
import json
import math
import multiprocessing
import re
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

from generator.dates import short_date
from generator.model import Document
from generator.processes import die_with_parent

FIELD_WEIGHTS = (("number", 8), ("title", 4), ("body", 1))
MAX_SCORE = 35  # one base-36 digit
# A term found in most documents says little; its list keeps only its best-scoring documents,
# which bounds what a query on it downloads.
MAX_POSTINGS = 1500
CHUNK = 20  # documents per metadata file
TARGET_SHARD_BYTES = 24_000
_SYLLABLE = re.compile(rb"[a-z0-9]+")
# Combining marks U+0300-U+036F in UTF-8: dropping these bytes strips the accents of NFD text.
_COMBINING = re.compile(rb"\xcc[\x80-\xbf]|\xcd[\x80-\xaf]")
_B36 = "0123456789abcdefghijklmnopqrstuvwxyz"


def fold(text: str) -> str:
    """ "Đối thoại" → "doi thoai". đ has no Unicode decomposition, so it is mapped first."""
    return _fold_bytes(text).decode("utf-8", "ignore")


def _fold_bytes(text: str) -> bytes:
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return _COMBINING.sub(b"", decomposed.encode("utf-8"))


def syllables(text: str) -> list[bytes]:
    return _SYLLABLE.findall(_fold_bytes(text))


def terms(text: str) -> list[str]:
    """Syllables and adjacent pairs: "thu hồi đất" → thu, hoi, dat, thu_hoi, hoi_dat."""
    found = [s.decode() for s in syllables(text)]
    return found + [f"{a}_{b}" for a, b in itertools.pairwise(found)]


def shard_of(term: str, shards: int) -> int:
    """FNV-1a over the UTF-8 bytes, 32 bits: search.js computes the same."""
    value = 0x811C9DC5
    for byte in term.encode("utf-8"):
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return value % shards


def _b36(value: int) -> str:
    out = ""
    while True:
        value, rest = divmod(value, 36)
        out = _B36[rest] + out
        if value == 0:
            return out


def _encode(postings: list[tuple[int, int]]) -> str:
    """Doc ids as base-36 gaps; a score other than 1 follows after a dot: "0.8,3,a.2"."""
    out, previous = [], 0
    for doc_id, score in postings:
        gap = _b36(doc_id - previous)
        out.append(gap if score == 1 else f"{gap}.{_b36(score)}")
        previous = doc_id
    return ",".join(out)


def _document_terms(document: Document) -> Counter[bytes | tuple[bytes, bytes]]:
    """Weighted term counts of one document; pairs stay tuples until the end (cheaper)."""
    counts: Counter[bytes | tuple[bytes, bytes]] = Counter()
    for field, weight in FIELD_WEIGHTS:
        text = document.number_text or "" if field == "number" else getattr(document, field)
        found = syllables(text)
        field_counts = Counter(found)
        field_counts.update(itertools.pairwise(found))
        if weight != 1:
            for term in field_counts:
                field_counts[term] *= weight
        counts.update(field_counts)
    return counts


def order(documents: list[Document]) -> list[Document]:
    """Search ids: newest first, so that recent results share metadata chunks."""
    return sorted(
        documents,
        key=lambda d: (-(d.issued.toordinal() if d.issued else 0), d.number_text or "", d.path),
    )


def build_index(documents: list[Document], urls: dict[str, str], out: Path) -> None:
    """Write meta.json, s/<shard>.json and d/<chunk>.json into ``out``."""
    documents = order(documents)
    postings: dict[bytes | tuple[bytes, bytes], list[tuple[int, int]]] = defaultdict(list)
    for doc_id, document in enumerate(documents):
        for term, score in _document_terms(document).items():
            postings[term].append((doc_id, min(MAX_SCORE, score)))
    encoded: dict[str, str] = {}
    for term, found in postings.items():
        name = (
            term.decode() if isinstance(term, bytes) else f"{term[0].decode()}_{term[1].decode()}"
        )
        if len(found) > MAX_POSTINGS:
            found = sorted(sorted(found, key=lambda p: (-p[1], p[0]))[:MAX_POSTINGS])
        encoded[name] = _encode(found)
    total = sum(len(term) + len(value) + 6 for term, value in encoded.items())
    shards = 1 << max(0, math.ceil(math.log2(max(1.0, total / TARGET_SHARD_BYTES))))
    by_shard: dict[int, dict[str, str]] = defaultdict(dict)
    for term, value in encoded.items():
        by_shard[shard_of(term, shards)][term] = value
    (out / "s").mkdir(parents=True, exist_ok=True)
    (out / "d").mkdir(parents=True, exist_ok=True)
    for shard in range(shards):
        _write(out / "s" / f"{shard:x}.json", by_shard.get(shard, {}))
    for start in range(0, len(documents), CHUNK):
        rows = [_row(d, urls[d.path]) for d in documents[start : start + CHUNK]]
        _write(out / "d" / f"{start // CHUNK:x}.json", rows)
    _write(out / "meta.json", _meta(documents, shards))


def _meta(documents: list[Document], shards: int) -> dict[str, object]:
    types = sorted({d.doctype.name for d in documents if d.doctype})
    years = sorted({d.issued.year for d in documents if d.issued}, reverse=True)
    issuers = [name for name, _ in Counter(d.issuer for d in documents if d.issuer).most_common(35)]
    facets = "".join(
        (_B36[types.index(d.doctype.name)] if d.doctype else "z")
        + (
            _B36[years.index(d.issued.year)]
            if d.issued and years.index(d.issued.year) < 35
            else "z"
        )
        + (_B36[issuers.index(d.issuer)] if d.issuer in issuers else "z")
        for d in documents
    )
    return {
        "documents": len(documents),
        "shards": shards,
        "chunk": CHUNK,
        "types": types,
        "years": years[:35],
        "issuers": issuers,
        "facets": facets,
    }


def _row(document: Document, url: str) -> list[str]:
    return [
        url,
        document.number_text or "",
        short_date(document.issued) if document.issued else "",
        document.doctype.name if document.doctype else "",
        document.title,
    ]


def _write(path: Path, payload: object) -> None:
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    path.write_text(text, encoding="utf-8")


class IndexJob:
    """Builds the index on another core while the site generator renders pages on this one.

    Page rendering runs on one core and takes far longer than indexing, so the index costs no
    wall-clock time. The job writes straight into the ``search/`` folder of the build's own
    output, which belongs to that build alone: no shared temporary folder that a cleaner of
    ``/tmp`` or another build could remove halfway. Where processes cannot be forked, the
    index is built when finished.
    """

    def __init__(self, documents: list[Document], urls: dict[str, str], target: Path) -> None:
        self.args = (documents, urls, target)
        self.process: multiprocessing.process.BaseProcess | None = None
        if "fork" in multiprocessing.get_all_start_methods():
            self.process = multiprocessing.get_context("fork").Process(
                target=_build_in_child, args=self.args, daemon=True
            )
            self.process.start()

    def finish(self) -> None:
        """Wait for the index; build it here if no process could do it."""
        if self.process is None:
            build_index(*self.args)
            return
        self.process.join()
        if self.process.exitcode != 0:
            raise RuntimeError(f"search index failed (exit {self.process.exitcode})")

    def cancel(self) -> None:
        if self.process is not None and self.process.is_alive():
            self.process.terminate()
            self.process.join()


def _build_in_child(documents: list[Document], urls: dict[str, str], out: Path) -> None:
    die_with_parent()
    build_index(documents, urls, out)
