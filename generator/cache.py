"""A cache of per-file results, so that re-checking a site after one edit re-reads one file.

Editors run `portal check` again and again on a site of thousands of documents, of which they
changed one. Each file's result (its document and diagnostics) is kept in
``.portal-cache/`` in the site root (git-ignored), keyed by the file's path and validated by
its size and modification time, then by a hash of its bytes when the time changed but the
content may not have (a checkout, a `touch`). The cache is versioned by the tool's own source
code and the site's configuration, so a new release or an edited mkdocs.yml starts afresh.

The results are pickled, and unpickling runs code: a cache file planted in the repository
(a pull request can add a git-ignored file by force) must not run in CI. So every cache file
is signed with HMAC-SHA256 under a random key that lives outside the repository, in the
user's cache folder; a file without a valid signature, or any error while reading it, is
ignored as if there were no cache.
"""

from __future__ import annotations

import contextlib
import fnmatch
import hashlib
import hmac
import os
import pickle
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator import __version__

CACHE_DIR = ".portal-cache"
_PACKAGE = Path(__file__).resolve().parent


def _key_file() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "sonla-portal" / "cache-key"


def _signing_key() -> bytes | None:
    """The user's private key, made on first use; None where it cannot be kept (no cache)."""
    path = _key_file()
    try:
        key = path.read_bytes()
        if len(key) == 32:
            return key
    except OSError:
        pass
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        key = os.urandom(32)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(key)
        return key
    except OSError:
        return None


def _version(root: Path, kind: str) -> str:
    """Changes whenever the code or the configuration that produced a result may have."""
    digest = hashlib.sha256(f"{__version__}|{sys.version}|{kind}".encode())
    for source in sorted(_PACKAGE.rglob("*.py")):
        digest.update(source.relative_to(_PACKAGE).as_posix().encode())
        digest.update(source.read_bytes())
    with contextlib.suppress(OSError):
        digest.update((root / "mkdocs.yml").read_bytes())
    return digest.hexdigest()[:20]


# What a file was when it was read: size, modification time, SHA-256 of its bytes.
Stamp = tuple[int, int, str]


@dataclass
class Entry:
    size: int
    mtime_ns: int
    sha256: str
    pack: int  # which pickled batch of results holds this file's
    index: int  # its place in that batch


@dataclass
class FileCache:
    """Results by content-relative path; ``lookup`` before reading, ``store`` after.

    Results are kept pickled in batches (``packs``), as the worker processes that read the
    files pickle them anyway: a cold check then saves bytes it already has instead of pickling
    ten thousand documents again in the parent, and a warm one unpickles each batch once.
    """

    root: Path
    kind: str
    entries: dict[str, Entry] = field(default_factory=dict)
    packs: list[bytes] = field(default_factory=list)
    sizes: list[int] = field(default_factory=list)  # how many results each pack holds
    used: set[str] = field(default_factory=set)
    changed: bool = False
    key: bytes | None = None
    path: Path | None = None
    _unpacked: dict[int, list[Any]] = field(default_factory=dict)

    @classmethod
    def open(cls, root: Path, kind: str) -> FileCache:
        cache = cls(root, kind)
        cache.key = _signing_key()
        if cache.key is None:
            return cache
        cache.path = root / CACHE_DIR / f"{kind}-{_version(root, kind)}.pickle"
        try:
            data = cache.path.read_bytes()
            signature, payload = data[:32], data[32:]
            expected = hmac.new(cache.key, payload, hashlib.sha256).digest()
            if hmac.compare_digest(signature, expected):
                entries, packs, sizes = pickle.loads(payload)
                if isinstance(entries, dict) and len(packs) == len(sizes):
                    cache.entries, cache.packs, cache.sizes = entries, packs, sizes
        except Exception:  # missing, truncated, corrupt: start afresh, never fail a check
            cache.entries, cache.packs, cache.sizes = {}, [], []
        return cache

    def lookup(self, path: str | Path, relpath: str) -> Any | None:
        entry = self.entries.get(relpath)
        if entry is None:
            return None
        try:
            status = os.stat(path)
        except OSError:
            return None
        if (status.st_size, status.st_mtime_ns) != (entry.size, entry.mtime_ns):
            if status.st_size != entry.size or _hash(path) != entry.sha256:
                return None
            entry.mtime_ns = status.st_mtime_ns  # touched, not changed
            self.changed = True
        try:
            result = self._unpack(entry.pack)[entry.index]
        except Exception:  # a pack that does not unpickle: read the file again
            return None
        self.used.add(relpath)
        return result

    def _unpack(self, pack: int) -> list[Any]:
        if pack not in self._unpacked:
            self._unpacked[pack] = pickle.loads(self.packs[pack])
        return self._unpacked[pack]

    def store(self, relpaths: list[str], stamps: list[Stamp | None], pack: bytes) -> None:
        """Keep a batch of results: ``pack`` is their pickled list, in the order of
        ``relpaths``; a file without a stamp (unreadable, not a regular file) is not kept."""
        number = len(self.packs)
        self.packs.append(pack)
        self.sizes.append(len(relpaths))
        for index, (relpath, stamp) in enumerate(zip(relpaths, stamps, strict=True)):
            if stamp is not None:
                self.entries[relpath] = Entry(*stamp, number, index)
                self.used.add(relpath)
        self.changed = True

    def save(self) -> None:
        """Write the entries still in use; nothing is lost if this fails."""
        if self.key is None or self.path is None:
            return
        if not self.changed and self.used == set(self.entries):
            return
        try:
            entries, packs, sizes = self._live()
            payload = pickle.dumps((entries, packs, sizes), protocol=pickle.HIGHEST_PROTOCOL)
            signature = hmac.new(self.key, payload, hashlib.sha256).digest()
            folder = self.path.parent
            folder.mkdir(exist_ok=True)
            (folder / ".gitignore").write_text("*\n", encoding="utf-8")
            for old in folder.glob(f"{self.kind}-*.pickle"):
                if old != self.path:
                    old.unlink(missing_ok=True)
            _write_new(folder, self.path, signature + payload)
        except Exception:
            return

    def _live(self) -> tuple[dict[str, Entry], list[bytes], list[int]]:
        """The entries in use and the packs they need. When more than half of what the packs
        hold is stale (files edited or removed since), the live results are packed afresh."""
        entries = {k: v for k, v in self.entries.items() if k in self.used}
        needed = sorted({entry.pack for entry in entries.values()})
        if sum(self.sizes[pack] for pack in needed) <= 2 * len(entries):
            renumber = {old: new for new, old in enumerate(needed)}
            for entry in entries.values():
                entry.pack = renumber[entry.pack]
            return entries, [self.packs[p] for p in needed], [self.sizes[p] for p in needed]
        results = []
        for index, entry in enumerate(entries.values()):
            results.append(self._unpack(entry.pack)[entry.index])
            entry.pack, entry.index = 0, index
        return entries, [pickle.dumps(results, protocol=pickle.HIGHEST_PROTOCOL)], [len(results)]


def _write_new(folder: Path, path: Path, data: bytes) -> None:
    """Write ``data`` to a new private file in ``folder``, then put it in ``path``'s place at
    once: a reader finds the old file or the new one, never half of one. (``tempfile`` and
    ``secrets`` would cost a check's start-up their imports, ``random``'s and ``shutil``'s.)"""
    temporary = folder / f".tmp-{os.urandom(8).hex()}"
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _hash(path: str | Path) -> str:
    with open(path, "rb") as stream:
        return hashlib.sha256(stream.read()).hexdigest()


def load_signed(root: Path, name: str) -> Any | None:
    """An object saved by ``save_signed`` under ``name``, or None if missing, foreign or
    corrupt (the same signature as the file cache's, so never unpickled unsigned)."""
    key = _signing_key()
    if key is None:
        return None
    try:
        data = (root / CACHE_DIR / name).read_bytes()
        signature, payload = data[:32], data[32:]
        if hmac.compare_digest(signature, hmac.new(key, payload, hashlib.sha256).digest()):
            return pickle.loads(payload)
    except Exception:  # missing, truncated, corrupt: as if there were none
        pass
    return None


def save_signed(root: Path, name: str, value: Any, replaces: str = "") -> None:
    """Save ``value`` signed as ``name`` in the cache folder, removing the older files that
    the glob pattern ``replaces`` matches; nothing is lost if this fails."""
    key = _signing_key()
    if key is None:
        return
    try:
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        folder = root / CACHE_DIR
        folder.mkdir(exist_ok=True)
        (folder / ".gitignore").write_text("*\n", encoding="utf-8")
        if replaces:
            for old in folder.glob(replaces):
                if old.name != name:
                    old.unlink(missing_ok=True)
        _write_new(folder, folder / name, hmac.new(key, payload, hashlib.sha256).digest() + payload)
    except Exception:
        return


class SignedWriter:
    """Several files saved as ``save_signed`` saves one, for a save of many parts (a check's
    snapshot writes 66): the key is read, the folder made and listed once, not per file."""

    def __init__(self, root: Path) -> None:
        self.key = _signing_key()
        self.folder = root / CACHE_DIR
        self.names: list[str] | None = None  # the folder's files before this save wrote any

    def save(self, name: str, value: Any, replaces: str = "") -> None:
        """As ``save_signed``: ``replaces`` matches the older files to remove (those this
        writer wrote are not listed, and so stay)."""
        if self.key is None:
            return
        try:
            payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
            if self.names is None:
                self.folder.mkdir(exist_ok=True)
                (self.folder / ".gitignore").write_text("*\n", encoding="utf-8")
                self.names = os.listdir(self.folder)
            if replaces:
                for old in fnmatch.filter(self.names, replaces):
                    if old != name:
                        (self.folder / old).unlink(missing_ok=True)
            signature = hmac.new(self.key, payload, hashlib.sha256).digest()
            _write_new(self.folder, self.folder / name, signature + payload)
        except Exception:
            return


def code_version(root: Path, kind: str) -> str:
    """The tool's code and the site's mkdocs.yml, as the file cache keys them."""
    return _version(root, kind)
