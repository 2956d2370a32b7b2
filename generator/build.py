"""`portal build`: check, then build with MkDocs into a fresh folder and swap it in.

The previous site stays whole until the new one is complete: MkDocs writes into a temporary
folder beside the target, which then replaces the old one by two renames.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, timezone
from pathlib import Path

from generator.site import CONFIG_FILE, Site


class BuildFailed(Exception):
    """MkDocs stopped (configuration, theme, a plugin): its own log says where."""


def _show_mkdocs_warnings() -> None:
    """MkDocs reports broken links and theme problems through logging; show its warnings."""
    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "portal", False) for h in logger.handlers):
        handler = logging.StreamHandler()
        handler.setLevel(logging.WARNING)
        handler.setFormatter(logging.Formatter("mkdocs: %(levelname)s %(message)s"))
        handler.portal = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)


def build_site(root: Path, site: Site, site_dir: Path, drafts: bool, as_of: date) -> None:
    # Imported here so that checking never loads MkDocs.
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from generator.mkdocs_plugin import PortalPlugin

    _show_mkdocs_warnings()
    # Material's notice about MkDocs 2 is for developers (see the README), not for editors.
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    site_dir = site_dir if site_dir.is_absolute() else root / site_dir
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-new-", dir=site_dir.parent))
    # The build date in the sitemap and archives comes from the edition's date, so two builds
    # of the same commit for the same day are byte-identical.
    epoch = datetime(as_of.year, as_of.month, as_of.day, tzinfo=timezone.utc).timestamp()
    previous_epoch = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = previous_epoch or str(int(epoch))
    try:
        config = load_config(str(root / CONFIG_FILE), site_dir=str(staging))
        plugin = next(p for p in config.plugins.values() if isinstance(p, PortalPlugin))
        plugin.site = site
        plugin.config.drafts = drafts
        plugin.config.as_of = as_of.isoformat()
        build(config)
    except MkDocsException as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise BuildFailed(str(error)) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        if previous_epoch is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
    retired = None
    if site_dir.exists():
        retired = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-old-", dir=site_dir.parent))
        retired.rmdir()
        site_dir.rename(retired)
    staging.rename(site_dir)
    if retired is not None:
        shutil.rmtree(retired, ignore_errors=True)


class PortUnavailable(Exception):
    """The preview's port is taken or not ours to open; the message says which, in Vietnamese."""


PREVIEW_HOST = "127.0.0.1"


def serve_preview(root: Path, port: int, announce: Callable[[str], None]) -> None:
    """MkDocs' development server: drafts and problems shown, rebuilt whenever a file is saved.

    The port is tried before the first build (which takes a while on a large site), and port 0
    becomes a free port chosen by the system, so ``announce`` gets an address that answers.
    SIGTERM and SIGHUP stop the preview the way Ctrl+C does; stopping is the normal end of a
    preview. Every temporary folder of the preview (MkDocs' own /tmp/mkdocs_* site among them)
    lives in one folder of ours, removed on the way out even when MkDocs is stopped before it
    has set up its own clean-up.
    """
    import errno

    from mkdocs.commands.serve import serve
    from mkdocs.exceptions import MkDocsException

    port = _claim_port(port)
    _show_mkdocs_warnings()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    previous_tempdir = tempfile.tempdir
    with _signals_interrupt():
        workspace = tempfile.mkdtemp(prefix="portal-serve-")
        tempfile.tempdir = workspace
        try:
            # Announced once SIGTERM is handled: from here on, stopping leaves nothing behind.
            announce(f"http://{PREVIEW_HOST}:{port}/")
            serve(
                config_file=str(root / CONFIG_FILE),
                dev_addr=f"{PREVIEW_HOST}:{port}",
                livereload=True,
            )
        except KeyboardInterrupt:
            pass  # stopped during the first build
        except MkDocsException as error:  # mkdocs.yml, the theme: its log says what
            raise BuildFailed(str(error)) from None
        except OSError as error:
            if error.errno != errno.EADDRINUSE:
                raise
            # Taken between our probe and MkDocs' own bind.
            raise PortUnavailable(_port_message(port, error)) from None
        finally:
            tempfile.tempdir = previous_tempdir
            shutil.rmtree(workspace, ignore_errors=True)


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


@contextmanager
def _signals_interrupt() -> Iterator[None]:
    """Turn SIGTERM (`kill`, a service manager) and SIGHUP (the terminal closed) into Ctrl+C."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may set handlers; its own signals still apply
        return
    handled = (signal.SIGTERM, signal.SIGHUP)

    def interrupt(signum: int, frame: object) -> None:
        # A second signal must not cut the clean-up short (SIGKILL still ends everything).
        for number in handled:
            signal.signal(number, signal.SIG_IGN)
        raise KeyboardInterrupt

    previous = {number: signal.signal(number, interrupt) for number in handled}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
