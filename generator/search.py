"""Search: a static index for Vietnamese that answers the question and stays small.

Readers type on phones, often without accents: "doi thoai" must find "đối thoại". Text is
folded (lower case, đ→d, accents stripped, leading zeros of numbers dropped; `assets/search.js`
folds queries the same way) and cut into syllables. A result must hold every syllable of the
query, so the index stores, for each syllable, the exact set of documents that hold it: no list
is cut short, and counts are true. Ranking needs a little more, kept under the same key so that
one fetch brings it: the documents holding the syllable in their heading (number, type and
trích yếu), and the accented spellings met ("đất", "đạt"), to put exact matches first. Each
pair of adjacent syllables is a key of its own (phrases: "thu hồi" is not "thu ... hồi"), and
each leading part of a document number ("340", "340 tb", "340 tb vpub") is a key that says
which documents carry that number.

A set of document ids is written in whichever of three forms is shortest: gaps between ids,
a bitmap, or runs. Most syllables of a small archive are in most of its documents, and a bitmap
of 10,000 documents is 1.7 KB. Keys are hashed into shard files, so a query fetches only the
shards of its keys, and the metadata of results comes in small chunks fetched only for the
results shown. Nothing is downloaded until the reader opens the search box.
"""

from __future__ import annotations

import base64
import itertools
import json
import math
import multiprocessing
import re
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

from generator.dates import short_date
from generator.model import Document, newest_first
from generator.processes import die_with_parent

VERSION = 2
CHUNK = 20  # documents per metadata file
TARGET_SHARD_BYTES = 16_000
_SYLLABLE = re.compile(rb"[a-z0-9]+")
# "05/KH-VPUB" and "5/KH-VPUB" are the same number to a reader: a syllable loses its leading
# zeros when a digit follows them ("0" stays; "05a" becomes "5a"; search.js does the same).
_LEADING_ZEROS = re.compile(rb"(?<![a-z0-9])0+(?=[0-9])")
# Combining marks U+0300-U+036F in UTF-8: dropping these bytes strips the accents of NFD text.
_COMBINING = re.compile(rb"\xcc[\x80-\xbf]|\xcd[\x80-\xaf]")
# Words as written, accents kept: letters and digits (NFC text has no separate marks).
_WORD = re.compile(r"[^\W_]+")
_B36 = "0123456789abcdefghijklmnopqrstuvwxyz"


def fold(text: str) -> str:
    """ "Đối thoại" → "doi thoai". đ has no Unicode decomposition, so it is mapped first."""
    return _fold_bytes(text).decode("utf-8", "ignore")


def _fold_bytes(text: str) -> bytes:
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return _COMBINING.sub(b"", decomposed.encode("utf-8"))


def syllables(text: str) -> list[bytes]:
    return _SYLLABLE.findall(_LEADING_ZEROS.sub(b"", _fold_bytes(text)))


def terms(text: str) -> list[str]:
    """The keys a query looks up: "thu hồi đất" → thu, hoi, dat, thu_hoi, hoi_dat."""
    found = [s.decode() for s in syllables(text)]
    return found + [f"{a}_{b}" for a, b in itertools.pairwise(found)]


def number_keys(number: str) -> list[str]:
    """Keys of a document number's leading parts: "340/TB-VPUB" → #340, #340_tb, #340_tb_vpub."""
    found = [s.decode() for s in syllables(number)]
    return ["#" + "_".join(found[: i + 1]) for i in range(len(found))]


def shard_of(term: str, shards: int) -> int:
    """FNV-1a over the UTF-8 bytes, 32 bits: search.js computes the same."""
    value = 0x811C9DC5
    for byte in term.encode("utf-8"):
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return value % shards


def _b36(value: int) -> str:
    if value < len(_B36_TABLE):
        return _B36_TABLE[value]
    out = ""
    while True:
        value, rest = divmod(value, 36)
        out = _B36[rest] + out
        if value == 0:
            return out


_B36_TABLE = [a + b for a in ("", *_B36[1:]) for b in _B36]  # 0 … 1295, for speed


def encode_set(ids: list[int]) -> str:
    """Sorted document ids in the shortest of three forms (search.js decodes all three):
    gaps "0,5,a" (ids 0, 5, 15); a bitmap "~" + base64url, bit i of byte i//8 for id i;
    runs "!" + lengths of alternate runs of absent and present ids ("!2,3": ids 2, 3, 4)."""
    if not ids:
        return ""
    groups = _groups(ids)
    lengths: list[int] = []
    position = 0
    for start, end in groups:
        lengths += [start - position, end - start]
        position = end
    best = "!" + ",".join(map(_b36, lengths))
    # Each gap takes at least two characters, a bitmap one per six ids of the span: most sets
    # are clearly one or the other, and only the possible winners are written out.
    bitmap_length = 1 + ((ids[-1] >> 3) + 1) * 4 // 3
    if 2 * len(ids) - 1 < min(len(best), bitmap_length):
        gaps = ",".join(map(_b36, (b - a for a, b in itertools.pairwise([0, *ids]))))
        best = min(best, gaps, key=len)
    if bitmap_length < len(best):
        raw = bytearray((ids[-1] >> 3) + 1)
        for doc_id in ids:
            raw[doc_id >> 3] |= 1 << (doc_id & 7)
        bitmap = "~" + base64.urlsafe_b64encode(raw).decode().rstrip("=")
        best = min(best, bitmap, key=len)
    return best


def _groups(ids: list[int]) -> list[tuple[int, int]]:
    """Runs of consecutive ids as (first, last + 1)."""
    groups: list[tuple[int, int]] = []
    start = previous = ids[0]
    for doc_id in ids[1:]:
        if doc_id != previous + 1:
            groups.append((start, previous + 1))
            start = doc_id
        previous = doc_id
    groups.append((start, previous + 1))
    return groups


def decode_set(text: str) -> list[int]:
    """The inverse of `encode_set` (search.js has its own; this one is for tests and tools)."""
    if not text:
        return []
    if text[0] == "~":
        raw = base64.urlsafe_b64decode(text[1:] + "=" * (-len(text[1:]) % 4))
        bits = int.from_bytes(raw, "little")
        return [i for i in range(bits.bit_length()) if bits >> i & 1]
    if text[0] == "!":
        ids, position = [], 0
        lengths = [int(r, 36) for r in text[1:].split(",")]
        for absent, present in zip(lengths[::2], lengths[1::2], strict=True):
            position += absent
            ids += range(position, position + present)
            position += present
        return ids
    return list(itertools.accumulate(int(gap, 36) for gap in text.split(",")))


def order(documents: list[Document]) -> list[Document]:
    """Search ids: newest first, so that ties rank newest first by id alone, and recent results
    share metadata chunks."""
    return newest_first(documents)


class _Collector:
    """Sets of document ids by key, filled one document at a time (ids only grow)."""

    def __init__(self) -> None:
        self.anywhere: dict[bytes | tuple[bytes, bytes], list[int]] = defaultdict(list)
        self.heading: dict[bytes | tuple[bytes, bytes], list[int]] = defaultdict(list)
        self.spelled: dict[bytes, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
        self.numbers: dict[str, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
        self.folded: dict[str, bytes | None] = {}

    def add(self, doc_id: int, document: Document) -> None:
        number = document.number_text or ""
        type_name = document.doctype.name if document.doctype else ""
        heading_fields = [number, type_name, document.title]
        other_fields = [
            document.body,
            document.issuer or "",
            document.summary or "",
            " ".join(document.topics),
        ]
        heading: set[bytes | tuple[bytes, bytes]] = set()
        for text in heading_fields:
            found = syllables(text)
            heading.update(found)
            heading.update(itertools.pairwise(found))
        anywhere = set(heading)
        for text in other_fields:
            found = syllables(text)
            anywhere.update(found)
            anywhere.update(itertools.pairwise(found))
        for term in heading:
            self.heading[term].append(doc_id)
        for term in anywhere:
            self.anywhere[term].append(doc_id)
        keys = number_keys(number)
        for i, key in enumerate(keys):
            self.numbers[key][0 if i == len(keys) - 1 else 1].append(doc_id)
        words = set(_WORD.findall(unicodedata.normalize("NFC", " ".join(heading_fields).lower())))
        for text in other_fields:
            words.update(_WORD.findall(unicodedata.normalize("NFC", text.lower())))
        for word in words:
            if word.isascii():
                continue  # written without accents: nothing to prefer it over
            base = self.folded.get(word, b"")
            if base == b"":
                folded = _fold_bytes(word)
                folded = _LEADING_ZEROS.sub(b"", folded)
                base = self.folded[word] = folded if _SYLLABLE.fullmatch(folded) else None
            if base is not None:
                self.spelled[base][word].append(doc_id)

    def entries(self) -> dict[str, object]:
        """Key → entry: a syllable [anywhere, heading, {spelling: set}], a pair [anywhere,
        heading], a number "#340_tb" [equals, starts with]. A set contained in a base set the
        reader already has may be written as what the base has and it lacks ("^" + set): the
        heading and spellings of a syllable within its documents, a pair within the documents
        of both its syllables. Most pairs of a small archive are wherever their two syllables
        are, and this halves the index a query downloads."""
        out: dict[str, object] = {}
        size = max((ids[-1] for ids in self.anywhere.values()), default=0) + 1
        bitsets: dict[bytes | tuple[bytes, bytes], int] = {}

        def bits(term: bytes | tuple[bytes, bytes], heading: bool = False) -> int:
            key = (b"^", term) if heading else term
            if key not in bitsets:  # type: ignore[operator]
                source = self.heading if heading else self.anywhere
                bitsets[key] = _bits(source.get(term, []), size)  # type: ignore[index]
            return bitsets[key]  # type: ignore[index]

        for term, ids in self.anywhere.items():
            heading_ids = self.heading.get(term, [])
            if isinstance(term, bytes):
                base = bits(term)
                entry: list[object] = [encode_set(ids), encode_within(heading_ids, base, size)]
                spellings = self.spelled.get(term)
                if spellings:
                    entry.append({w: encode_within(f, base, size) for w, f in spellings.items()})
                out[term.decode()] = entry
            else:
                first, second = term
                out[f"{first.decode()}_{second.decode()}"] = [
                    encode_within(ids, bits(first) & bits(second), size),
                    encode_within(
                        heading_ids, bits(first, heading=True) & bits(second, heading=True), size
                    ),
                ]
        for key, (equal, prefix) in self.numbers.items():
            out[key] = [encode_set(equal), encode_set(prefix)]
        return out


def _bits(ids: list[int], size: int) -> int:
    raw = bytearray((size >> 3) + 1)
    for doc_id in ids:
        raw[doc_id >> 3] |= 1 << (doc_id & 7)
    return int.from_bytes(raw, "little")


_BYTE_BITS = [[bit for bit in range(8) if value >> bit & 1] for value in range(256)]


def _ids(bits: int, size: int) -> list[int]:
    found: list[int] = []
    for index, value in enumerate(bits.to_bytes((size >> 3) + 1, "little")):
        if value:
            found += [index * 8 + bit for bit in _BYTE_BITS[value]]
    return found


def encode_within(ids: list[int], base: int, size: int) -> str:
    """A subset of ``base`` (a bitset): as itself, or as "^" + what base has and it lacks."""
    direct = encode_set(ids)
    missing = base.bit_count() - len(ids)
    if missing >= len(ids):
        return direct
    without = "^" + encode_set(_ids(base & ~_bits(ids, size), size))
    return min(direct, without, key=len)


def decode_within(text: str, base: list[int]) -> list[int]:
    """The inverse of `encode_within`, given the base's ids."""
    if text.startswith("^"):
        lacking = set(decode_set(text[1:]))
        return [doc_id for doc_id in base if doc_id not in lacking]
    return decode_set(text)


def build_index(documents: list[Document], urls: dict[str, str], out: Path) -> None:
    """Write meta.json, f.json (facets), s/<shard>.json and d/<chunk>.json into ``out``."""
    documents = order(documents)
    collector = _Collector()
    for doc_id, document in enumerate(documents):
        collector.add(doc_id, document)
    entries = collector.entries()
    total = sum(
        len(key) + len(json.dumps(value, ensure_ascii=False)) + 4 for key, value in entries.items()
    )
    shards = 1 << max(0, math.ceil(math.log2(max(1.0, total / TARGET_SHARD_BYTES))))
    by_shard: dict[int, dict[str, object]] = defaultdict(dict)
    for key, value in entries.items():
        by_shard[shard_of(key, shards)][key] = value
    (out / "s").mkdir(parents=True, exist_ok=True)
    (out / "d").mkdir(parents=True, exist_ok=True)
    for shard in range(shards):
        _write(out / "s" / f"{shard:x}.json", by_shard.get(shard, {}))
    for start in range(0, len(documents), CHUNK):
        rows = [_row(d, urls[d.path]) for d in documents[start : start + CHUNK]]
        _write(out / "d" / f"{start // CHUNK:x}.json", rows)
    meta = _meta(documents, shards)
    # Facets serve only the filters: a file of their own, fetched once a filter is chosen.
    _write(out / "f.json", meta.pop("facets"))
    _write(out / "meta.json", meta)


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
        "version": VERSION,
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
