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
import functools
import gc
import hashlib
import itertools
import json
import math
import multiprocessing
import operator
import re
import struct
import unicodedata
from array import array
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Sequence
from itertools import chain, repeat
from pathlib import Path

from generator.cache import code_version, load_signed, save_signed
from generator.dates import short_date
from generator.model import Document, newest_first
from generator.processes import Job, die_with_parent

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
# A set of ids is sparse when fewer than one document in this many holds it: its bitset and
# runs are then worked out id by id rather than over a bit or a digit for every document.
_SPARSE = 16


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
    return _encode_bits(_bits_of(ids), ids)


def _bits_of(ids: Sequence[int]) -> int:
    """The set as an integer, bit i for id i: one cheap step per id, then C speed.

    A sparse set sets bits in bytes, an eighth of the work in C of a string of binary digits
    that costs a step per document for each key (most keys are rare, and the index would
    grow with the square of the site); a dense one sets digits, the cheaper Python step."""
    if len(ids) * _SPARSE < ids[-1]:
        bitmap = bytearray((ids[-1] >> 3) + 1)
        for doc_id in ids:
            bitmap[doc_id >> 3] |= 1 << (doc_id & 7)
        return int.from_bytes(bitmap, "little")
    digits = bytearray(b"0") * (ids[-1] + 1)
    for doc_id in ids:
        digits[doc_id] = 49  # "1"
    digits.reverse()
    return int(digits, 2)


_RUNS = re.compile("0+|1+")
_ONE = re.compile("1")


def _join36(values: list[int]) -> str:
    largest = max(values)
    if largest < len(_B36_TABLE):
        return ",".join(map(_B36_TABLE.__getitem__, values))
    if largest < 36**3:  # gaps and runs of an archive of up to 46,656 documents
        return ",".join(map(_b36_three().__getitem__, values))
    return ",".join(map(_b36, values))


@functools.cache
def _b36_three() -> list[str]:
    """`_b36` of 0 … 36³ - 1, made once, when a set first needs it (~10 ms)."""
    return [*_B36_TABLE, *(a + b + c for a in _B36[1:] for b in _B36 for c in _B36)]


def _encode_bits(bits: int, ids: Sequence[int] | None = None) -> str:
    """`encode_set` of the ids set in ``bits`` (``ids``, when given, are those ids).

    Each form's length decides as it always did: runs first, gaps when they may be shorter
    than both others, the bitmap when its estimate is shorter than the best so far; ties go to
    the earlier form. A set with so many runs that they cannot beat its bitmap skips them."""
    if not bits:
        return ""
    count = bits.bit_count()
    size = (bits.bit_length() - 1 >> 3) + 1  # bytes of the bitmap
    bitmap_length = 1 + size * 4 // 3  # an estimate: the real one is (size * 4 + 2) // 3 + 1
    runs = (bits & ~(bits << 1)).bit_count()
    # "!" and at least one character and one comma per length, two lengths a run.
    if 2 * count - 1 >= bitmap_length and 4 * runs > 1 + (size * 4 + 2) // 3:
        return _bitmap(bits, size)
    if ids is not None and count * _SPARSE < size * 8:
        lengths = _run_lengths(ids)  # the same lengths, without a digit for every document
    else:
        digits = format(bits, "b")[::-1]  # character i is id i's bit
        lengths = list(map(len, _RUNS.findall(digits)))
        if digits[0] == "1":
            lengths.insert(0, 0)
    best = "!" + _join36(lengths)
    if 2 * count - 1 < min(len(best), bitmap_length):
        if ids is None:
            ids = [found.start() for found in _ONE.finditer(digits)]
        gaps = _join36(list(map(operator.sub, ids, [0, *ids[:-1]])))
        best = min(best, gaps, key=len)
    if bitmap_length < len(best):
        best = min(best, _bitmap(bits, size), key=len)
    return best


def _run_lengths(ids: Sequence[int]) -> list[int]:
    """The lengths of the alternate runs of absent and present ids, absent first (0 when id 0
    is present), from the sorted ids: the runs form of `encode_set` without the bitset."""
    lengths: list[int] = []
    start = previous = ids[0]
    absent_from = 0
    for doc_id in itertools.islice(ids, 1, None):
        if doc_id != previous + 1:
            lengths += (start - absent_from, previous + 1 - start)
            absent_from, start = previous + 1, doc_id
        previous = doc_id
    lengths += (start - absent_from, previous + 1 - start)
    return lengths


def _bitmap(bits: int, size: int) -> str:
    return "~" + base64.urlsafe_b64encode(bits.to_bytes(size, "little")).decode().rstrip("=")


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


def _words(text: str) -> list[str]:
    """The words written with accents, lower-cased, as `_WORD` finds them in NFC text."""
    found = _WORD.findall(unicodedata.normalize("NFC", text.lower()))
    return [word for word in found if not word.isascii()]


class _Tokens(dict[str, tuple[int, ...]]):
    """What each whitespace-delimited token gives, as key numbers, worked out once per distinct
    token: most tokens of an archive recur thousands of times. ``of``: its syllables as
    `syllables` finds them (whitespace always separates syllables, and a leading zero is only
    dropped after a separator, so a text's syllables are its tokens' in order), or its accented
    words (composition never crosses whitespace)."""

    def __init__(self, numbers: _Numbering, of: Callable[[str], list[str]]) -> None:
        super().__init__()
        self.numbers, self.of = numbers, of

    def __missing__(self, token: str) -> tuple[int, ...]:
        value = self[token] = tuple(map(self.numbers.__getitem__, self.of(token)))
        return value


class _Pairs(dict[tuple[int, int], int]):
    """The number of the key of two adjacent syllables ("thu_hoi"), by their numbers."""

    def __init__(self, numbers: _Numbering) -> None:
        super().__init__()
        self.numbers = numbers

    def __missing__(self, pair: tuple[int, int]) -> int:
        vocabulary = self.numbers.vocabulary
        value = self[pair] = self.numbers[vocabulary[pair[0]] + "_" + vocabulary[pair[1]]]
        return value


def _syllable_texts(token: str) -> list[str]:
    return [s.decode() for s in syllables(token)]


def _fields(document: Document) -> tuple[list[str], list[str]]:
    """What a document is found by: its heading (number, type, trích yếu), then the rest."""
    number = document.number_text or ""
    type_name = document.doctype.name if document.doctype else ""
    other = [document.body, document.issuer or "", document.summary or ""]
    return [number, type_name, document.title], [*other, " ".join(document.topics)]


# A document's keys as numbers in `_Terms.vocabulary`: heading keys, the other keys, its number
# keys, its accented words.
_Record = tuple["array[int]", "array[int]", tuple[str, ...], "array[int]"]


class _Terms:
    """Every document's keys, kept between builds by a digest of the text they come from, so
    that a build after an edit reads only the edited documents again. Keys are numbered, and a
    document's are kept as arrays of those numbers (4 bytes a key)."""

    def __init__(self) -> None:
        self.records: dict[str, _Record] = {}
        self.used: set[str] = set()
        self.added = False
        self._number([])

    def _number(self, vocabulary: list[str]) -> None:
        """Number keys from ``vocabulary`` on; what each token gives is worked out afresh."""
        self.vocabulary = vocabulary
        self.numbers = _Numbering(vocabulary)
        self.syllables = _Tokens(self.numbers, _syllable_texts)
        self.words = _Tokens(self.numbers, _words)
        self.pairs = _Pairs(self.numbers)

    @classmethod
    def load(cls, root: Path | None) -> _Terms:
        terms = cls()
        stored = load_signed(root, _cache_name(root)) if root is not None else None
        if isinstance(stored, tuple) and len(stored) == 2:
            vocabulary, records = stored
            if isinstance(vocabulary, list) and isinstance(records, dict):
                terms.records = records
                terms._number(vocabulary)
        return terms

    def record(self, heading: list[str], other: list[str]) -> _Record:
        digest = hashlib.sha256()
        for text in heading + other:  # each text's length first: no two lists hash alike
            data = text.encode("utf-8", "surrogatepass")
            digest.update(b"%d:" % len(data) + data)
        key = digest.hexdigest()
        self.used.add(key)
        found = self.records.get(key)
        if found is not None:
            return found
        head, rest, words = self.read(heading, other)
        # Two bytes a key while there are few enough keys: half the cache to read and write.
        kind = "H" if len(self.vocabulary) <= 1 << 16 else "I"
        record = (
            _packed(kind, head),
            _packed(kind, rest),
            tuple(number_keys(heading[0])),
            _packed(kind, words),
        )
        self.records[key] = record
        self.added = True
        return record

    def read(self, heading: list[str], other: list[str]) -> tuple[set[int], set[int], set[int]]:
        """A document's keys, numbered: those of its heading, its other keys (syllables and
        pairs of adjacent syllables, "thu_hoi", no pair crossing two texts), its accented words.
        Each text is cut into tokens once, and each token costs a look-up or two: this is
        most of the index's work."""
        head_tokens = [text.split() for text in heading]
        other_tokens = [text.split() for text in other]
        head = self._keys(head_tokens)
        rest = self._keys(other_tokens)
        rest -= head
        distinct = set().union(*head_tokens, *other_tokens)
        words = set(itertools.chain.from_iterable(map(self.words.__getitem__, distinct)))
        return head, rest, words

    def _keys(self, texts: list[list[str]]) -> set[int]:
        found: set[int] = set()
        syllables_of, pair = self.syllables.__getitem__, self.pairs.__getitem__
        for tokens in texts:
            parts = [*itertools.chain.from_iterable(map(syllables_of, tokens))]
            found.update(parts)
            # zip reuses its tuple once the look-up has let it go, no new object a pair;
            # itertools.pairwise makes one each (a third slower here on Python 3.11).
            found.update(map(pair, zip(parts, parts[1:], strict=False)))  # noqa: RUF007
        return found

    def save(self, root: Path) -> None:
        """Keep the records of this build's documents only; nothing is lost if this fails."""
        if not self.added and self.used == set(self.records):
            return
        records = {key: self.records[key] for key in self.used}
        vocabulary = self.vocabulary
        # What was saved holds at least half its vocabulary (this function makes sure of it),
        # and a key added since is held by the record that added it: until a record is
        # forgotten, no key need be counted (ten million at 10,000 documents).
        forgotten = len(records) < len(self.records)
        if forgotten and len(held := _held(records)) * 2 < len(vocabulary):
            # More keys forgotten than kept: number afresh.
            vocabulary = [vocabulary[i] for i in sorted(held)]
            renumber = dict(zip(sorted(held), itertools.count()))
            records = {
                key: (
                    *(array("I", map(renumber.__getitem__, ids)) for ids in r[:2]),
                    r[2],
                    array("I", map(renumber.__getitem__, r[3])),
                )
                for key, r in records.items()
            }
        save_signed(root, _cache_name(root), (vocabulary, records), replaces="search-*.pickle")


def _held(records: dict[str, _Record]) -> set[int]:
    """The keys the records hold. One set, grown from C: a set per document first would
    hold every document's keys as int objects at once (hundreds of MB at a few thousand)."""
    held: set[int] = set()
    for head, rest, _, words in records.values():
        held.update(head)
        held.update(rest)
        held.update(words)
    return held


def _packed(kind: str, numbers: set[int]) -> array[int]:
    """``array(kind, numbers)``, four times faster: packed in C at once, where an array
    converts each number on its own."""
    return array(kind, struct.pack(f"{len(numbers)}{kind}", *numbers))


class _Numbering(dict[str, int]):
    """Each key's number in ``vocabulary``; a key met for the first time is added to it."""

    def __init__(self, vocabulary: list[str]) -> None:
        super().__init__(zip(vocabulary, itertools.count()))
        self.vocabulary = vocabulary

    def __missing__(self, term: str) -> int:
        number = self[term] = len(self.vocabulary)
        self.vocabulary.append(term)
        return number


def _cache_name(root: Path | None) -> str:
    return f"search-{code_version(root, 'search') if root else ''}.pickle"


class _Postings:
    """Sets of document ids by key, from the documents' records in id order: arrays of two
    bytes an id (four past 65,536 documents), not lists of eight, as there are about a
    thousand keys a document."""

    def __init__(self, records: list[_Record], size: int) -> None:
        kind = "H" if len(records) <= 1 << 16 else "I"
        # Grown as bytes, each document's id written once as the array's machine value: an
        # array converts every number appended (a third of the time here), a byte string
        # is copied. Each posting is one call from C: the inner loops are the index's cost.
        anywhere: list[bytearray] = [bytearray() for _ in range(size)]
        heading: list[bytearray] = [bytearray() for _ in range(size)]
        self.numbers: dict[str, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
        numbers = self.numbers
        consume, extend = deque(maxlen=0).extend, bytearray.extend
        for doc_id, (head, rest, keys, words) in enumerate(records):
            machine = array(kind, (doc_id,)).tobytes()
            consume(
                map(extend, map(anywhere.__getitem__, chain(head, rest, words)), repeat(machine))
            )
            consume(map(extend, map(heading.__getitem__, head), repeat(machine)))
            for i, key in enumerate(keys):
                numbers[key][0 if i == len(keys) - 1 else 1].append(doc_id)
        self.ids = _arrays(kind, anywhere)
        self.heading = _arrays(kind, heading)

    # Kept whole: one pass over the keys, each kind of key a few lines that share its state.
    def entries(self, vocabulary: list[str]) -> dict[str, object]:
        """Key → entry: a syllable [anywhere, heading, {spelling: set}], a pair [anywhere,
        heading], a number "#340_tb" [equals, starts with]. A set contained in a base set the
        reader already has may be written as what the base has and it lacks ("^" + set): the
        heading and spellings of a syllable within its documents, a pair within the documents
        of both its syllables. Most pairs of a small archive are wherever their two syllables
        are, and this halves the index a query downloads."""
        out: dict[str, object] = {}
        everywhere: dict[str, int] = {}
        in_heading: dict[str, int] = {}
        spelled: dict[str, dict[str, array[int]]] = defaultdict(dict)
        pairs = []
        for number, term in enumerate(vocabulary):
            ids = self.ids[number]
            if not ids:
                continue
            if not term.isascii():
                base = _base_of(term)
                if base is not None:
                    spelled[base][term] = ids
            elif "_" in term:
                pairs.append(number)
            else:
                everywhere[term] = _bits_of(ids)
                heading = self.heading[number]
                in_heading[term] = _bits_of(heading) if heading else 0
        for number, term in enumerate(vocabulary):
            if term not in everywhere:
                continue
            ids, heading, bits = self.ids[number], self.heading[number], everywhere[term]
            entry: list[object] = [
                _encode_bits(bits, ids),
                _within(heading, bits, in_heading[term]),
            ]
            spellings = spelled.get(term)
            if spellings:
                entry.append({w: _within(f, bits) for w, f in spellings.items()})
            out[term] = entry
        for number in pairs:
            term = vocabulary[number]
            first, second = term.split("_")
            out[term] = [
                _within(self.ids[number], everywhere[first] & everywhere[second]),
                _within(self.heading[number], in_heading[first] & in_heading[second]),
            ]
        for key, (equal, prefix) in self.numbers.items():
            out[key] = [encode_set(equal), encode_set(prefix)]
        return out


def _arrays(kind: str, grown: list[bytearray]) -> list[array[int]]:
    """The byte strings as arrays, each let go once copied (never all held twice)."""
    out: list[array[int]] = []
    for number, ids in enumerate(grown):
        out.append(array(kind, ids))
        grown[number] = _EMPTY
    return out


_EMPTY = bytearray()


def _base_of(word: str) -> str | None:
    """The folded syllable an accented word is a spelling of, if it is one syllable."""
    folded = _LEADING_ZEROS.sub(b"", _fold_bytes(word))
    return folded.decode() if _SYLLABLE.fullmatch(folded) else None


def _within(ids: Sequence[int], base: int, bits: int | None = None) -> str:
    """`encode_within` of ``ids`` (whose bitset ``bits`` may be given) within ``base``."""
    if not ids:
        return ""
    if bits is None:
        bits = _bits_of(ids)
    direct = _encode_bits(bits, ids)
    if base.bit_count() - len(ids) >= len(ids):
        return direct
    without = "^" + _encode_bits(base & ~bits)
    return min(direct, without, key=len)


def encode_within(ids: list[int], base: int, size: int = 0) -> str:
    """A subset of ``base`` (a bitset): as itself, or as "^" + what base has and it lacks."""
    return _within(ids, base)


def decode_within(text: str, base: list[int]) -> list[int]:
    """The inverse of `encode_within`, given the base's ids."""
    if text.startswith("^"):
        lacking = set(decode_set(text[1:]))
        return [doc_id for doc_id in base if doc_id not in lacking]
    return decode_set(text)


# What the index needs of a document, in search order (see `entries_of`): its heading
# (number, type, trích yếu) and other texts, which it is found by; its address and date as
# shown; its type, year and issuer for the filters. Strings and numbers only: a job started
# afresh is handed these, not the site's objects.
Entry = tuple[list[str], list[str], str, str, str | None, int | None, str | None]


def entries_of(documents: list[Document], urls: dict[str, str]) -> list[Entry]:
    return [
        (
            *_fields(document),
            urls[document.path],
            short_date(document.issued) if document.issued else "",
            document.doctype.name if document.doctype else None,
            document.issued.year if document.issued else None,
            document.issuer,
        )
        for document in order(documents)
    ]


def build_index(
    documents: list[Document], urls: dict[str, str], out: Path, cache: Path | None = None
) -> None:
    """Write meta.json, f.json (facets), s/<shard>.json and d/<chunk>.json into ``out``.

    With ``cache`` (the site root), each document's keys are kept in its ``.portal-cache/``
    between builds (see `_Terms`): only documents whose text changed are read again."""
    write_index(entries_of(documents, urls), out, cache)


def write_index(entries: list[Entry], out: Path, cache: Path | None = None) -> None:
    """`build_index` from the documents' entries. Their texts other than the heading, most
    of their size, are let go once read (emptied): the sets are built from the keys."""
    terms = _Terms.load(cache)
    records = []
    for heading, other, *_ in entries:
        records.append(terms.record(heading, other))
        other.clear()
    if cache is not None:
        terms.save(cache)
    del terms.records  # the kept records of documents no longer built, and the digests
    found = _Postings(records, len(terms.vocabulary))
    del records
    _write_index(out, entries, found.entries(terms.vocabulary))


def _write_index(out: Path, entries: list[Entry], keys: dict[str, object]) -> None:
    sizes = {key: len(json.dumps(value, ensure_ascii=False)) for key, value in keys.items()}
    total = sum(len(key) + size + 4 for key, size in sizes.items())
    shards = 1 << max(0, math.ceil(math.log2(max(1.0, total / TARGET_SHARD_BYTES))))
    by_shard: dict[int, dict[str, object]] = defaultdict(dict)
    for key, value in keys.items():
        by_shard[shard_of(key, shards)][key] = value
    (out / "s").mkdir(parents=True, exist_ok=True)
    (out / "d").mkdir(parents=True, exist_ok=True)
    for shard in range(shards):
        _write(out / "s" / f"{shard:x}.json", by_shard.pop(shard, {}))
    for start in range(0, len(entries), CHUNK):
        rows = [
            [url, heading[0], issued, heading[1], heading[2]]
            for heading, _, url, issued, *_ in entries[start : start + CHUNK]
        ]
        _write(out / "d" / f"{start // CHUNK:x}.json", rows)
    meta = _meta(entries, shards)
    # Facets serve only the filters: a file of their own, fetched once a filter is chosen.
    _write(out / "f.json", meta.pop("facets"))
    _write(out / "meta.json", meta)


def _meta(entries: list[Entry], shards: int) -> dict[str, object]:
    kinds = [(kind, year, issuer) for *_, kind, year, issuer in entries]
    types = sorted({kind for kind, _, _ in kinds if kind is not None})
    years = sorted({year for _, year, _ in kinds if year is not None}, reverse=True)
    issuers = [name for name, _ in Counter(i for _, _, i in kinds if i).most_common(35)]
    facets = "".join(
        (_B36[types.index(kind)] if kind is not None else "z")
        + (_B36[years.index(year)] if year is not None and years.index(year) < 35 else "z")
        + (_B36[issuers.index(issuer)] if issuer in issuers else "z")
        for kind, year, issuer in kinds
    )
    return {
        "version": VERSION,
        "documents": len(entries),
        "shards": shards,
        "chunk": CHUNK,
        "types": types,
        "years": years[:35],
        "issuers": issuers,
        "facets": facets,
    }


def _write(path: Path, payload: object) -> None:
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    path.write_text(text, encoding="utf-8")


class IndexJob:
    """Builds the index on another core while the site generator renders pages on this one.

    Page rendering runs on one core and takes far longer than indexing, so the index costs no
    wall-clock time. The job writes straight into the ``search/`` folder of the build's own
    output, which belongs to that build alone: no shared temporary folder that a cleaner of
    ``/tmp`` or another build could remove halfway. ``fresh``: the job is a new process
    handed only the documents' entries (`entries_of`), not forked from this one (see
    `processes.Job`). Where processes cannot be forked, the index is built when finished.
    ``cache`` is the site root, whose ``.portal-cache/`` keeps each document's keys between
    builds.
    """

    def __init__(
        self,
        documents: list[Document],
        urls: dict[str, str],
        target: Path,
        cache: Path | None = None,
        fresh: bool = False,
    ) -> None:
        self.args = (documents, urls, target, cache)
        self.job: Job | None = None
        if "fork" in multiprocessing.get_all_start_methods():
            payload = (entries_of(documents, urls), target, cache)
            self.job = Job(_build_in_child, payload, "portal-index", fresh, str(target))

    def finish(self) -> None:
        """Wait for the index; build it here if no process could do it."""
        if self.job is None:
            build_index(*self.args)
            return
        exitcode = self.job.join()
        if exitcode != 0:
            raise RuntimeError(f"search index failed (exit {exitcode})")

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()


def _build_in_child(entries: list[Entry], out: Path, cache: Path | None) -> None:
    die_with_parent()
    gc.disable()  # nothing this short-lived process makes needs the cyclic collector
    write_index(entries, out, cache)
