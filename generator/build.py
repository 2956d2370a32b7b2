"""`portal build`: check, then build with MkDocs into a fresh folder and swap it in.

The previous site stays whole until the new one is complete: MkDocs writes into a temporary
folder beside the target, which then replaces the old one by two renames.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
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


def serve_preview(root: Path, port: int) -> None:
    """MkDocs' development server: drafts and problems shown, rebuilt whenever a file is saved."""
    from mkdocs.commands.serve import serve

    _show_mkdocs_warnings()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    serve(config_file=str(root / CONFIG_FILE), dev_addr=f"127.0.0.1:{port}", livereload=True)
