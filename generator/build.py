"""`portal build`: check, then build with MkDocs into a private folder and swap it in at once.

The target is refused when it would overwrite the sources (`content/`, the theme, the site root
or a folder holding it, `.git`, the home folder) or a folder the portal did not build. MkDocs
writes into a staging folder inside ``.<target>-build/`` beside the target; the finished site
then trades places with the old one in one atomic step (``renameat2(RENAME_EXCHANGE)`` on
Linux), so a reader — or a crash — never meets a missing or half-written site. Whatever a killed
build left in ``.<target>-build/`` is removed by the next one, under a lock that keeps two builds
of the same target from treading on each other. Between builds that folder holds only the
replaced site's folders, emptied of every file, which the next build starts from (see
``_new_staging``).
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import hashlib
import logging
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.engine import DEFAULT_ENGINE, select_engine
from generator.processes import Stopped, hold_stop_while_forking
from generator.site import Site
from generator.siteroot import CONFIG_FILE, CONTENT_DIR

# Written into every site the portal builds: only a folder holding it may be replaced.
MARKER = ".portal-build"
THEME_DIR = "overrides"

if TYPE_CHECKING:
    from generator.live import LiveSite


class BuildFailed(Exception):
    """MkDocs stopped (configuration, theme, a plugin): its own log says where."""


class UnsafeTarget(Exception):
    """The output folder would destroy something that is not a previous build (exit 2)."""


def _show_mkdocs_warnings(engine: str = DEFAULT_ENGINE) -> None:
    """MkDocs reports broken links and theme problems through logging; show its warnings.

    ProperDocs logs under its own name ("properdocs"), plugins under "mkdocs" still.
    """
    for name in dict.fromkeys(("mkdocs", engine)):
        _show_warnings_of(name)


def _show_warnings_of(name: str) -> None:
    logger = logging.getLogger(name)
    if not any(getattr(h, "portal", False) for h in logger.handlers):
        handler = logging.StreamHandler()
        handler.setLevel(logging.WARNING)
        handler.setFormatter(logging.Formatter(f"{name}: %(levelname)s %(message)s"))
        handler.portal = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)


def check_target(root: Path, target: Path, force: bool = False) -> None:
    """Refuse an output folder that is, holds or lies inside what the site is made from."""
    root = root.resolve()
    target = target.resolve()
    sources = {
        "thư mục nội dung content/": root / CONTENT_DIR,
        f"thư mục giao diện {THEME_DIR}/": root / THEME_DIR,
        "thư mục .git": root / ".git",
    }
    holders = {"thư mục gốc của trang": root, "thư mục nhà (home)": Path.home().resolve()}
    for name, path in {**holders, **sources}.items():
        if path.is_relative_to(target):
            raise UnsafeTarget(
                f"không dựng trang vào {target}: thư mục này là hoặc chứa {name}, mọi thứ trong "
                "đó sẽ bị thay bằng trang dựng ra. Chọn một thư mục riêng, ví dụ --site-dir site."
            )
    for name, path in sources.items():
        if target.is_relative_to(path):
            raise UnsafeTarget(
                f"không dựng trang vào {target}: thư mục này nằm trong {name}. Chọn một thư mục "
                "ngoài content/, overrides/ và .git, ví dụ --site-dir site."
            )
    if target == root / CONFIG_FILE:
        raise UnsafeTarget(f"không dựng trang vào {target}: đó là tệp cấu hình {CONFIG_FILE}.")
    if force or not os.path.lexists(target):
        return
    if not target.is_dir():
        raise UnsafeTarget(
            f"không dựng trang vào {target}: đã có một tệp cùng tên. Xóa nó, chọn thư mục khác, "
            "hoặc thêm --force để thay thế."
        )
    if not (target / MARKER).exists() and any(target.iterdir()):
        raise UnsafeTarget(
            f"không dựng trang vào {target}: thư mục đã có nội dung không phải trang do portal "
            "dựng (thiếu tệp đánh dấu .portal-build). Chọn thư mục khác, hoặc thêm --force nếu "
            "chắc chắn muốn thay toàn bộ thư mục này."
        )


def build_site(
    root: Path,
    site: Site,
    site_dir: Path,
    drafts: bool,
    as_of: date,
    force: bool = False,
    engine: str = DEFAULT_ENGINE,
) -> None:
    # Chosen before the first `mkdocs` import (generator/engine.py): with ProperDocs, every
    # `mkdocs.*` below, in the portal plugin and in Material resolves to its modules.
    select_engine(engine)
    # Imported here so that checking never loads MkDocs.
    from mkdocs.exceptions import MkDocsException

    _show_mkdocs_warnings(engine)
    # Material's notice about MkDocs 2 is for developers (see the README), not for editors.
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    target = site_dir if site_dir.is_absolute() else root / site_dir
    check_target(root, target, force)
    target = target.parent.resolve() / target.name
    target.parent.mkdir(parents=True, exist_ok=True)
    workspace = target.parent / f".{target.name}-build"
    with _locked(target.parent):
        staging = _new_staging(workspace)
        # The build date in the sitemap and archives comes from the edition's date, so two
        # builds of the same commit for the same day are byte-identical.
        epoch = datetime(as_of.year, as_of.month, as_of.day, tzinfo=timezone.utc).timestamp()
        previous_epoch = os.environ.get("SOURCE_DATE_EPOCH")
        os.environ["SOURCE_DATE_EPOCH"] = previous_epoch or str(int(epoch))
        swapped = False
        try:
            _build_into(staging, root, target, site, drafts, as_of)
            prune_empty_folders(staging)  # those of the previous site that nothing filled
            (staging / MARKER).write_text(
                "Thư mục này do `portal build` dựng; lần dựng sau sẽ thay thế toàn bộ.\n",
                encoding="utf-8",
            )
            make_public(staging)
            _swap_in(staging, target)
            swapped = True
        except MkDocsException as error:
            raise BuildFailed(str(error)) from None
        finally:
            if previous_epoch is None:
                os.environ.pop("SOURCE_DATE_EPOCH", None)
            # The previous site, now that the new one is in place, keeps only its folders for
            # the next build; a failed build goes whole.
            if not (swapped and _keep_folders(staging, workspace)):
                remove_tree(workspace)


# In the workspace between builds: the folders of the site before the last build, emptied of
# every file (see _new_staging).
FOLDERS = "folders"


def _new_staging(workspace: Path) -> Path:
    """The folder a build writes its site into, in ``workspace`` (the lock held).

    It starts as the folders the previous build left (``FOLDERS``: no file in them) where
    there are some. A site is one folder per page, and making ten thousand folders, then
    removing them with the old site, was most of the system's work of a build that keeps
    nearly every page: a kept page is now linked into the folder it had, and the folders
    nothing filled are removed before the swap (``prune_empty_folders``). MkDocs empties
    the folder itself when the build keeps no page.
    """
    if workspace.is_symlink() or (os.path.lexists(workspace) and not workspace.is_dir()):
        workspace.unlink()  # never ours: cleaning "inside" it would clean elsewhere
    if workspace.exists():
        _clean_leftovers(workspace)
    workspace.mkdir(exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix="new-", dir=workspace))
    folders = workspace / FOLDERS
    if folders.is_dir() and not folders.is_symlink():
        with contextlib.suppress(OSError):
            os.rename(folders, staging)  # over the empty new folder, in one step
    return staging


def _keep_folders(old_site: Path, workspace: Path) -> bool:
    """Empty the previous site of its files and keep its folders for the next build; False
    (nothing kept) if any file would not go, or if there was no previous site."""
    try:
        _remove_in(os.fspath(old_site), None, keep_folders=True)
        with os.scandir(old_site) as listing:
            if next(listing, None) is None:
                return False  # the first build of this target: nothing to keep
        os.rename(old_site, workspace / FOLDERS)
    except OSError:
        return False
    return True


def _build_into(
    staging: Path, root: Path, target: Path, site: Site, drafts: bool, as_of: date
) -> None:
    """MkDocs' build of the site into ``staging``, reusing unchanged pages of ``target``."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from generator.mkdocs_plugin import PortalPlugin

    config = load_config(str(root / CONFIG_FILE), site_dir=str(staging))
    config.plugins.on_startup(command="build", dirty=False)
    plugin = next(p for p in config.plugins.values() if isinstance(p, PortalPlugin))
    plugin.site = site
    plugin.config.drafts = drafts
    plugin.config.as_of = as_of.isoformat()
    plugin.reuse = PageCache.open(root, target, drafts)
    with _quiet_dirty_warning():
        # "Dirty": MkDocs skips the pages the plugin restored from the previous build, and
        # leaves the staging folder as it is: it holds no file but those restored (see
        # _new_staging), and its folders, kept from the previous site, are what MkDocs would
        # otherwise remove one by one and make again, page by page, without a page cache.
        build(config, dirty=True)
    plugin.reuse.save(staging)


class PageCache:
    """Pages of the previous build reused when nothing they are made from changed.

    A generated page's HTML is a function of its source (``PageSource``: Markdown, meta and
    the HTML around it) and of what every page shares: the tool's code, mkdocs.yml, the
    theme's overrides, MkDocs' and Material's versions, the menu and the drafts option. A
    document's source is in turn a function of what ``pages.document.document_inputs``
    lists, which a build has at hand before rendering anything: its page is keyed by those
    (``key_of``), the other generated pages by their source (``begin``, ``finish``). The
    cache (signed, in ``.portal-cache/``, see cache.py) keeps for each page the key of all
    that and the SHA-256 of the HTML it gave; a page whose key is unchanged is copied from
    the previous site, after checking that file is still the one written (the size and time
    recorded, else that hash), instead of rendered.
    Pages in the menu and plain pages (their citations are linked through the registry) are
    always rendered. Anything missing, changed or corrupt means rendering, never a wrong page.
    """

    def __init__(self, root: Path, target: Path, drafts: bool) -> None:
        self.root = root
        self.target = target
        self.drafts = drafts
        self.name = ""
        # src → (key, SHA-256 of the HTML, size and modification time of its file)
        self.entries: dict[str, tuple[str, str, int, int]] = {}
        self.usable = False
        self.shared = ""
        self.hashes: dict[str, str] = {}  # of the pages restored or written
        self.keys: dict[str, str] = {}
        self.outputs: dict[str, str] = {}  # src → the page's path in the site

    @classmethod
    def open(cls, root: Path, target: Path, drafts: bool) -> PageCache:
        from generator.cache import code_version, load_signed

        cache = cls(root, target, drafts)
        cache.name = f"pages-{code_version(root, 'pages')}-{'drafts' if drafts else 'public'}"
        stored = load_signed(root, cache.name + ".pickle")
        if isinstance(stored, dict) and (target / MARKER).exists():
            cache.entries = stored
            cache.usable = bool(stored)
        return cache

    def start(self, shared: object) -> None:
        """Everything every page depends on besides its own source (see the class)."""
        from importlib.metadata import version

        digest = hashlib.sha256(repr(shared).encode())
        digest.update(f"{version('mkdocs')}|{version('mkdocs-material')}".encode())
        theme = self.root / THEME_DIR
        for folder, _, names in sorted(os.walk(theme)):
            for name in sorted(names):
                path = Path(folder) / name
                digest.update(path.relative_to(theme).as_posix().encode("utf-8", "replace"))
                with contextlib.suppress(OSError):
                    digest.update(hashlib.sha256(path.read_bytes()).digest())
        self.shared = digest.hexdigest()

    def begin(self, src: str, meta: object, markdown: str) -> Any:
        """A rendered page's key, begun from what MkDocs reads; ``finish`` adds the HTML
        around its text."""
        digest = hashlib.sha256()
        for text in (self.shared, "rendered", src, repr(meta), markdown):
            _feed(digest, text)
        return digest

    @staticmethod
    def finish(started: Any, before: str, after: str) -> str:
        digest = started.copy()
        _feed(digest, before)
        _feed(digest, after)
        return str(digest.hexdigest())

    def key_of(self, src: str, inputs: object) -> str:
        """A document page's key from what its page is made of (``document_inputs``), known
        before it is rendered: a kept page is then never rendered at all."""
        digest = hashlib.sha256()
        for text in (self.shared, "inputs", src, repr(inputs)):
            _feed(digest, text)
        return digest.hexdigest()

    def record(self, src: str, key: str, dest_uri: str) -> None:
        """A page's key, kept for ``save``."""
        self.keys[src] = key
        self.outputs[src] = dest_uri

    def written(self, src: str, output: str) -> str:
        """The HTML MkDocs is about to write for a recorded page: its hash is taken here, from
        the text in memory, rather than by reading every page back in ``save``. Returns the
        text to hand MkDocs, which then writes the bytes encoded here (see ``EncodedPage``)."""
        if src not in self.keys:
            return output
        # The bytes MkDocs writes (mkdocs.commands.build._build_page).
        data = output.encode(*_PAGE_ENCODING)
        self.hashes[src] = hashlib.sha256(data).hexdigest()
        return EncodedPage(output, data)

    def restore(self, src: str, key: str, dest_uri: str, site_dir: Path) -> bool:
        """Record the page's key and put the previous build's page in place; False if it
        must be rendered."""
        self.record(src, key, dest_uri)
        entry = self.entries.get(src)
        if not isinstance(entry, tuple) or len(entry) != 4 or entry[0] != key:
            return False
        previous = os.path.join(self.target, dest_uri)
        try:
            if not _unchanged(previous, entry[1], entry[2], entry[3]):
                return False  # not the page that build wrote
            # A second name for the same file: nothing writes into a page that is kept (MkDocs
            # skips it, the rest of the build writes other names), and the old site's name
            # goes when it is removed after the swap.
            _link(previous, os.path.join(site_dir, dest_uri))
        except OSError:
            return False
        self.hashes[src] = entry[1]
        return True

    def save(self, site_dir: Path) -> None:
        """Record the pages of the finished build, in ``site_dir`` before it is swapped in:
        each page's key, the SHA-256 of its HTML, and the size and time of its file (a page
        whose file still has them is taken as unchanged by the next build without reading it;
        any other is read and hashed)."""
        from generator.cache import save_signed

        entries: dict[str, tuple[str, str, int, int]] = {}
        for src, key in self.keys.items():
            path = os.path.join(site_dir, self.outputs[src])
            try:
                status = os.stat(path)
                digest = self.hashes.get(src) or _sha256(path)
            except OSError:
                continue
            entries[src] = (key, digest, status.st_size, status.st_mtime_ns)
        kind = "drafts" if self.drafts else "public"
        save_signed(self.root, self.name + ".pickle", entries, replaces=f"pages-*-{kind}.pickle")


# How MkDocs turns a page's HTML into the bytes of its file.
_PAGE_ENCODING = ("utf-8", "xmlcharrefreplace")


class EncodedPage(str):
    """A page's HTML together with its bytes as MkDocs writes them, made once for the page
    cache's hash: MkDocs' own ``output.encode("utf-8", errors="xmlcharrefreplace")`` gets
    those bytes instead of encoding the page again (~50 µs a page). Any other encoding is
    the string's own."""

    data: bytes

    def __new__(cls, text: str, data: bytes) -> EncodedPage:
        page = super().__new__(cls, text)
        page.data = data
        return page

    def encode(self, encoding: str = "utf-8", errors: str = "strict") -> bytes:
        if (encoding, errors) == _PAGE_ENCODING:
            return self.data
        return super().encode(encoding, errors)


def _link(previous: str, output: str) -> None:
    """``output`` made a second name for ``previous`` (a copy where links are refused). Its
    folder is usually there already (see _new_staging); else it is made, and the link tried
    again."""
    try:
        os.link(previous, output)
        return
    except FileNotFoundError:
        os.makedirs(os.path.dirname(output), exist_ok=True)
    except OSError:
        pass
    try:
        os.link(previous, output)
    except OSError:
        shutil.copyfile(previous, output)


def remove_tree(path: Path) -> None:
    """Remove a folder of ours and everything in it, errors ignored (``shutil.rmtree(...,
    ignore_errors=True)``), with fewer calls: the old site is ten thousand folders and more.

    Each folder is opened once (O_NOFOLLOW: a link put in a folder's place is never followed),
    listed, and its entries removed relative to it; a link is removed, never what it points to.
    Where that fails, ``shutil.rmtree`` finishes the job.
    """
    try:
        _remove_in(os.fspath(path), None)
    except OSError:  # gone already, or something in it would not go
        shutil.rmtree(path, ignore_errors=True)


_FOLDER_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)


def _listing(descriptor: int) -> list[tuple[str, bool]]:
    """A folder's entries and whether each is a folder (a link to one is not)."""
    with os.scandir(descriptor) as listing:
        return [(entry.name, entry.is_dir(follow_symlinks=False)) for entry in listing]


def _remove_in(name: str, parent: int | None, keep_folders: bool = False) -> None:
    """Remove the folder ``name`` (relative to the folder open as ``parent``) and what it
    holds; with ``keep_folders``, only the files in it and below."""
    descriptor = os.open(name, _FOLDER_FLAGS, dir_fd=parent)
    try:
        for entry, is_folder in _listing(descriptor):
            if is_folder:
                _remove_in(entry, descriptor, keep_folders)
            else:
                os.unlink(entry, dir_fd=descriptor)
    finally:
        os.close(descriptor)
    if not keep_folders:
        os.rmdir(name, dir_fd=parent)


def prune_empty_folders(root: Path) -> None:
    """Remove every folder below ``root`` that holds no file, at any depth: a clean build
    makes none, so the site is the same tree as a clean build's."""
    _prune(os.fspath(root), None)


def _prune(name: str, parent: int | None) -> bool:
    """Whether the folder is left empty once its empty folders are removed."""
    descriptor = os.open(name, _FOLDER_FLAGS, dir_fd=parent)
    try:
        left = 0
        for entry, is_folder in _listing(descriptor):
            if is_folder and _prune(entry, descriptor):
                os.rmdir(entry, dir_fd=descriptor)
            else:
                left += 1
    finally:
        os.close(descriptor)
    return left == 0


def _feed(digest: Any, text: str) -> None:
    """Add a text to a key, its length first: no two sequences of texts feed alike."""
    data = text.encode("utf-8", "surrogatepass")
    digest.update(b"%d:" % len(data))
    digest.update(data)


def _sha256(path: str) -> str:
    with open(path, "rb") as stream:
        return hashlib.sha256(stream.read()).hexdigest()


def _unchanged(path: str, digest: str, size: int, mtime_ns: int) -> bool:
    """Whether the file is the one recorded: same size and time as when it was written (a
    kept page is a second name for that file, so it keeps them), or else the same bytes."""
    status = os.stat(path)
    if (status.st_size, status.st_mtime_ns) == (size, mtime_ns):
        return True
    return status.st_size == size and _sha256(path) == digest


@contextmanager
def _quiet_dirty_warning() -> Iterator[None]:
    """MkDocs warns that a dirty build may leave links inaccurate: true of its own dirty
    mode, which trusts file times; ours renders again every page whose inputs changed."""

    def keep(record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()

    logger = logging.getLogger("mkdocs.commands.build")
    logger.addFilter(keep)
    try:
        yield
    finally:
        logger.removeFilter(keep)


def current_umask() -> int:
    """The process's umask, read without changing it where the kernel tells (Linux ≥ 4.7)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def make_public(folder: Path) -> None:
    """Give the staging folder the mode MkDocs gives every folder it makes: 0777 less the umask.

    ``mkdtemp`` creates it 0700, which a web server running as another user cannot enter;
    everything inside is created by MkDocs and the index job with the umask already.
    """
    os.chmod(folder, 0o777 & ~current_umask())


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """Hold a lock on the target's parent folder: a second build there waits for the first.

    The lock is on the folder itself (flock on its descriptor), so no lock file is left over.
    """
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(
                "portal: một lần dựng khác đang chạy trong cùng thư mục; chờ nó xong...",
                file=sys.stderr,
            )
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)


def _clean_leftovers(workspace: Path) -> None:
    """Remove what a killed build left behind: only builds write there, and we hold the lock.
    The emptied folders a finished build kept (``FOLDERS``) stay.

    The one exception is an old site set aside by the fallback swap of a build killed between
    its two renames: if the target is missing, that site is put back first.
    """
    target = workspace.with_name(workspace.name.removeprefix(".").removesuffix("-build"))
    if not os.path.lexists(target):
        for aside in sorted(workspace.glob("new-*-old")):
            if (aside / MARKER).exists():
                aside.rename(target)
                break
    # Only the folders a finished build kept are kept (see _new_staging): renamed there once
    # they held no file, so nothing of an old site, drafts included, can come back with them.
    with os.scandir(workspace) as listing:
        entries = [(e.name, e.is_dir(follow_symlinks=False)) for e in listing]
    for name, is_folder in entries:
        if name == FOLDERS and is_folder:
            continue
        if is_folder:
            remove_tree(workspace / name)
        else:
            with contextlib.suppress(OSError):
                os.unlink(workspace / name)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one atomic step; False where the platform cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_uint,
    ]
    result = renameat2(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False  # a file system or kernel without RENAME_EXCHANGE
    raise OSError(code, os.strerror(code), str(second))


def _swap_in(staging: Path, target: Path) -> None:
    """Put the new site at ``target``; afterwards ``staging`` holds the previous one, if any.

    Where no atomic exchange exists the old site is first renamed aside, so a crash between the
    two renames can leave the target missing; the old site then waits in the workspace.
    """
    if not os.path.lexists(target):
        staging.rename(target)
        staging.mkdir()
        return
    if target.is_symlink() or not target.is_dir():
        # `--force` over a file or a link: replace the entry itself, never what a link points to.
        target.unlink()
        staging.rename(target)
        staging.mkdir()
        return
    if _exchange(staging, target):
        return
    aside = staging.with_name(staging.name + "-old")
    target.rename(aside)
    staging.rename(target)
    aside.rename(staging)


class PortUnavailable(Exception):
    """The preview's port is taken or not ours to open; the message says which, in Vietnamese."""


PREVIEW_HOST = "127.0.0.1"


def serve_preview(
    root: Path, port: int, announce: Callable[[str], None], engine: str = DEFAULT_ENGINE
) -> None:
    """The live preview: drafts and problems shown, brought up to date whenever a file is saved.

    The port is tried before the first build (which takes a while on a large site), and port 0
    becomes a free port chosen by the system, so ``announce`` gets an address that answers.
    SIGTERM and SIGHUP stop the preview the way Ctrl+C does; stopping is the normal end of a
    preview. Every temporary folder of the preview (the site it serves among them) lives in
    one folder of ours, removed on the way out even when stopped during the first build.

    MkDocs' own server (live reload) serves the site; ``Preview`` builds it, once in full and
    then after each save only the pages that show what changed.
    """
    import errno

    select_engine(engine)
    from mkdocs.exceptions import MkDocsException

    port = _claim_port(port)
    _show_mkdocs_warnings(engine)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    previous_tempdir = tempfile.tempdir
    with _signals_interrupt() as hold:
        workspace = tempfile.mkdtemp(prefix="portal-serve-")
        tempfile.tempdir = workspace
        preview: Preview | None = None
        try:
            # Announced once SIGTERM is handled: from here on, stopping leaves nothing behind.
            announce(f"http://{PREVIEW_HOST}:{port}/")
            site_dir = Path(tempfile.mkdtemp(prefix="mkdocs_"))
            preview = Preview(root, site_dir, f"http://{PREVIEW_HOST}:{port}/")
            server = _live_reload_server(preview, port)
            try:
                preview.build_all()
                for watched in (root / CONTENT_DIR, root / CONFIG_FILE, root / THEME_DIR):
                    if watched.exists():
                        server.watch(str(watched))
                server.serve()
            finally:
                server.shutdown()
        except KeyboardInterrupt:  # stopped: the normal end of a preview
            hold()
        except MkDocsException as error:  # mkdocs.yml, the theme: its log says what
            raise BuildFailed(str(error)) from None
        except OSError as error:
            if error.errno != errno.EADDRINUSE:
                raise
            # Taken between our probe and the server's own bind.
            raise PortUnavailable(_port_message(port, error)) from None
        finally:
            hold()
            if preview is not None:
                preview.close()
            _end_forked_children()
            tempfile.tempdir = previous_tempdir
            shutil.rmtree(workspace, ignore_errors=True)


def _end_forked_children() -> None:
    """Stop every process this one forked that still runs, and wait for it: the preview's
    jobs write into the workspace, and one still writing as the workspace is removed leaves
    files behind. ``Preview.close`` cancels the jobs it knows of; this also ends one whose
    start a stop cut short (forked, but not yet handed to whoever would cancel it)."""
    import multiprocessing

    children = multiprocessing.active_children()
    for child in children:
        child.terminate()
    for child in children:
        child.join(_CHILD_GRACE)  # a child ends on SIGTERM (processes.die_with_parent) ...
        if child.is_alive():  # ... unless it had not yet set its handlers: no matter
            child.kill()
            child.join()


# How long a forked child may take to end on SIGTERM before it is killed.
_CHILD_GRACE = 5.0


class Preview:
    """The preview's site folder, built in full once and then kept up to date page by page.

    After a save, the Markdown files whose bytes changed are read and checked again
    (``LiveSite``), the site-wide checks and the edition run over the rest as kept in memory,
    and MkDocs renders again only the pages whose content changed: the edited one, those
    whose panels show it, the listings and the home page (``update_pages``). The search index,
    feeds and open data are then rewritten by other processes, after the page is visible. A
    change to mkdocs.yml or the theme, a file added or removed, or a different menu rebuilds
    everything, as does any failure of the quick way.
    """

    def __init__(self, root: Path, site_dir: Path, serve_url: str) -> None:
        self.root = root
        self.site_dir = site_dir
        self.serve_url = serve_url
        self.live: LiveSite | None = None
        self.config: Any = None  # MkDocsConfig of the last complete build
        self.plugin: Any = None  # its PortalPlugin
        # The PortalPlugin of the latest build, complete or not: a build stopped or failed
        # after it started the data jobs leaves them running, for ``close`` to cancel.
        self.started: Any = None
        self.files: Any = None  # the files of that build, held by the plugin
        self.unsettled: set[str] = set()  # files edited whose related pages are not yet done
        self.setup: str = ""

    def build_all(self) -> None:
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        from generator.live import LiveSite
        from generator.mkdocs_plugin import PortalPlugin

        self._cancel_data_jobs()
        self.config = self.plugin = None  # until this build is complete
        self.unsettled = set()
        self.setup = self._setup_stamp()
        self.live = LiveSite.read(self.root)
        config = load_config(str(self.root / CONFIG_FILE), site_dir=str(self.site_dir))
        config.site_url = self.serve_url
        config.plugins.on_startup(command="serve", dirty=False)
        plugin = self.started = next(
            p for p in config.plugins.values() if isinstance(p, PortalPlugin)
        )
        plugin.site = self.live.site()
        plugin.site_given = True
        build(config, serve_url=self.serve_url)
        self.config, self.plugin, self.files = config, plugin, plugin.files

    def rebuild(self) -> None:
        """After a save: the quick way when it applies, else (or if it fails) a full build."""
        try:
            if self.update():
                return
        except Exception as error:  # a full build below is always correct
            logging.getLogger("mkdocs").warning(
                "portal: không cập nhật nhanh được (%s); dựng lại toàn bộ bản xem trước", error
            )
        self.build_all()

    def update(self) -> bool:
        """Render again what the saved files change; False when a full build is needed.

        The edited documents' own pages come first (``PortalPlugin.provisional``) and the
        browser is told to reload (``shown``); then every page that shows them, with the
        checks across files, and the browser reloads again when this returns.
        """
        from generator.mkdocs_plugin import Superseded

        config, plugin, live = self.config, self.plugin, self.live
        if config is None or plugin is None or live is None:
            return False
        if plugin.files is not self.files:
            return False  # MkDocs keeps one plugin per process: another build used it
        if self._setup_stamp() != self.setup:
            return False
        edited = live.refresh()
        if edited is None:
            return False
        self.unsettled |= edited
        if not self.unsettled:
            return True  # saved without a change, or touched
        plugin.cancel_data_jobs()  # the previous save's, now out of date
        first = plugin.provisional(live, edited, config) if edited else []
        if first:
            self._render(first)
            self.shown()
        written = {src: self._output(src) for src in first}
        # A save while the rest is worked out stops it (before anything changes): the newer
        # page is shown first, and the next update works out the rest for both saves.
        site = live.site()
        try:
            if self.superseded():
                raise Superseded
            sources = plugin.refresh(site, self.unsettled, config, self.superseded)
        except Superseded:
            return True
        self.unsettled = set()
        if sources is None:
            return False
        self._render(sources)
        if first and (
            set(sources) - set(first) or any(self._output(s) != b for s, b in written.items())
        ):
            self.settled()  # more than the first pages changed: reload once more
        # Search, feeds and data are rewritten after the pages, on the other core.
        plugin.start_data_jobs(config)
        return True

    def shown(self) -> None:
        """Called when the edited pages are written, before the rest: browsers reload now."""

    def superseded(self) -> bool:
        """Whether a newer save is waiting (the server says)."""
        return False

    def settled(self) -> None:
        """Called when the rest changed more than the first pages: browsers reload again."""

    def _output(self, src: str) -> bytes:
        file = self.plugin.files.get_file_from_path(src)
        try:
            return Path(file.abs_dest_path).read_bytes()
        except OSError:
            return b""

    def _render(self, sources: list[str]) -> None:
        from mkdocs.commands.build import _build_page, _populate_page
        from mkdocs.structure.files import InclusionLevel

        config, plugin = self.config, self.plugin
        files = plugin.files
        pages = [files.get_file_from_path(src).page for src in sources]
        for page in pages:
            _populate_page(page, config, files)
        documentation = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        for page in pages:
            excluded = page.file.inclusion.is_excluded()
            _build_page(page, config, documentation, plugin.nav, plugin.env, excluded=excluded)

    def close(self) -> None:
        self._cancel_data_jobs()

    def _cancel_data_jobs(self) -> None:
        for plugin in (self.plugin, self.started):
            if plugin is not None:
                plugin.cancel_data_jobs()

    def _setup_stamp(self) -> str:
        """What every page depends on: mkdocs.yml and the theme's overrides."""
        digest = hashlib.sha256()
        with contextlib.suppress(OSError):
            digest.update((self.root / CONFIG_FILE).read_bytes())
        theme = self.root / THEME_DIR
        for folder, _, names in sorted(os.walk(theme)):
            for name in sorted(names):
                path = Path(folder) / name
                with contextlib.suppress(OSError):
                    status = path.stat()
                    stamp = f"{path.relative_to(theme)}|{status.st_size}|{status.st_mtime_ns}\n"
                    digest.update(stamp.encode("utf-8", "surrogateescape"))
        return digest.hexdigest()


# What an editor's tools do to a file without changing it: no reason to rebuild.
_UNCHANGING_EVENTS = frozenset({"opened", "closed_no_write"})


# Kept whole: the server subclass, its watcher and the three hooks the preview calls all close
# over one server object; apart, they would pass its private MkDocs state around instead.
def _live_reload_server(preview: Preview, port: int) -> Any:
    """MkDocs' live-reload server, told of changes by the kernel (inotify) rather than by
    polling: MkDocs' poller stats every file twice a second, seconds of CPU at 10,000 files,
    and notices a save only at its next round. Where inotify is unavailable, it polls."""
    import watchdog.events
    import watchdog.observers
    from mkdocs.livereload import LiveReloadServer

    class Server(LiveReloadServer):
        def watch(self, path: str, func: None = None, *, recursive: bool = True) -> None:
            path = os.path.abspath(path)
            server = self

            class Handler(watchdog.events.FileSystemEventHandler):
                def on_any_event(self, event: watchdog.events.FileSystemEvent) -> None:
                    if event.is_directory or event.event_type in _UNCHANGING_EVENTS:
                        return
                    with server._rebuild_cond:
                        server._want_rebuild = True
                        server._rebuild_cond.notify_all()

            handler = Handler()
            try:
                watch = self.observer.schedule(handler, path, recursive=recursive)
            except OSError:  # no inotify, or its limits reached: poll instead
                if not isinstance(self.observer, watchdog.observers.polling.PollingObserver):
                    self.observer = watchdog.observers.polling.PollingObserver(timeout=0.5)
                    for watched in list(self._watch_refs):
                        self._watch_refs.pop(watched)
                        self.watch(watched)
                watch = self.observer.schedule(handler, path, recursive=recursive)
            self._watch_refs[path] = watch
            self._watched_paths[path] = 1

    server = Server(
        builder=preview.rebuild, host=PREVIEW_HOST, port=port, root=str(preview.site_dir)
    )
    server.observer = watchdog.observers.Observer()

    def error_page(code: int) -> bytes | None:
        with contextlib.suppress(OSError):
            if code in (404, 500):
                return (preview.site_dir / f"{code}.html").read_bytes()
        return None

    server.error_handler = error_page

    def reload_now() -> None:
        # What the server does when a build returns (mkdocs.livereload), done halfway: pages
        # are served again (the server holds requests while it builds) and browsers reload.
        with contextlib.suppress(AttributeError), server._epoch_cond:
            server._visible_epoch = server._wanted_epoch
            server._epoch_cond.notify_all()

    def reload_again() -> None:
        # A newer version than the one shown: the server makes it visible when the build
        # returns, and browsers reload once more.
        with contextlib.suppress(AttributeError), server._epoch_cond:
            server._wanted_epoch = server._visible_epoch + 1

    def waiting() -> bool:
        return bool(getattr(server, "_want_rebuild", False))

    preview.shown = reload_now  # type: ignore[method-assign]
    preview.superseded = waiting  # type: ignore[method-assign]
    preview.settled = reload_again  # type: ignore[method-assign]
    return server


def _claim_port(port: int) -> int:
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        # As MkDocs' server binds (http.server sets SO_REUSEADDR): a port left in TIME_WAIT by
        # the previous preview is free to it, a port another program listens on is not.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((PREVIEW_HOST, port))
        except OSError as error:
            raise PortUnavailable(_port_message(port, error)) from None
        return int(probe.getsockname()[1])


def _port_message(port: int, error: OSError) -> str:
    import errno

    if error.errno == errno.EADDRINUSE:
        return (
            f"Cổng {port} đang được một chương trình khác dùng (có thể là một `portal serve` "
            f"khác). Dừng chương trình đó, hoặc chọn cổng khác: `portal serve --port "
            f"{port + 1 if port < 65535 else 8000}`."
        )
    if error.errno == errno.EACCES:
        return (
            f"Không được phép mở cổng {port}: cổng dưới 1024 cần quyền quản trị. Chọn cổng từ "
            "1024 trở lên, ví dụ `portal serve --port 8000`."
        )
    return f"Không mở được cổng {port} ({error.strerror or error})."


# How long a stop may stay unanswered before it is raised again (see _signals_interrupt).
_STOP_REMINDER = 1.0


@contextmanager
def _signals_interrupt() -> Iterator[Callable[[], None]]:
    """Turn SIGTERM (`kill`, a service manager) and SIGHUP (the terminal closed) into Ctrl+C,
    and make sure a stop is never lost. Gives ``hold``: call it where the clean-up starts,
    after which further signals are ignored (a second one must not cut it short).

    The signal raises ``Stopped`` (a KeyboardInterrupt) wherever the main thread happens to
    be, and CPython only prints, then drops, one raised in an at-fork hook (logging's lock
    release after each fork), a ``__del__`` or a weakref callback: the preview then went on,
    its stop lost (and, in the fork hook's case, logging's lock left held). So until
    ``hold``, the stop is raised again every ``_STOP_REMINDER`` seconds (SIGALRM: no thread,
    no lock), unless a KeyboardInterrupt is still being handled (an ``except``, ``finally``
    or ``__exit__`` on its way to the top is running).
    """
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield lambda: None  # only the main thread may set handlers; its own signals still apply
        return
    handled = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT, signal.SIGALRM)
    owner = os.getpid()
    held = False

    def interrupt(signum: int, frame: object) -> None:
        if os.getpid() != owner:
            # A worker forked a moment ago and cancelled before its own handlers were set
            # (processes.die_with_parent): it ends quietly, as it would a moment later.
            os._exit(128 + signum)
        if held:
            return
        signal.setitimer(signal.ITIMER_REAL, _STOP_REMINDER)
        if isinstance(sys.exc_info()[1], KeyboardInterrupt):
            return  # the stop is on its way to the top
        if hold_stop_while_forking():
            return  # raised once the fork is done (inside it, it would be dropped)
        raise Stopped

    def hold() -> None:
        nonlocal held
        held = True
        signal.setitimer(signal.ITIMER_REAL, 0)
        for number in handled:
            signal.signal(number, signal.SIG_IGN)

    previous = {number: signal.signal(number, interrupt) for number in handled}
    try:
        yield hold
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        for number, handler in previous.items():
            signal.signal(number, handler)
