"""The MkDocs adapter: hands the core's pages to MkDocs. Nothing else lives here.

MkDocs 2 drops this plugin API and Material reaches end of life in May 2027, so this file is
kept thin: reading, checking and rendering pages happen in the core, which imports no MkDocs.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.utils import get_relative_url

from generator.bodytext import MARKDOWN_CONFIGS, defuse, renderable
from generator.citations import Citation, extract_citations
from generator.datafiles import DataFilesJob
from generator.pages import Edition, PageSource, make_edition, navigation, render_pages
from generator.pages.links import link_citations
from generator.pages.markup import page_meta
from generator.pages.redirects import write_redirects
from generator.pages.search_page import SRC as SEARCH_SRC
from generator.petitions import DEFAULT_AREAS, DEFAULT_DEADLINE_DAYS, PetitionConfig
from generator.sanitize import CONTENT_SECURITY_POLICY, sanitize, shield_markup
from generator.search import IndexJob
from generator.site import Site, read_site
from generator.urls import UrlScheme, relative


class PortalConfig(base.Config):
    drafts = c.Type(bool, default=False)
    as_of = c.Optional(c.Type(str))
    # The place name of date lines ("Sơn La, ngày ...") when a document gives no `place`.
    place = c.Type(str, default="")
    # Citizens' petitions (see generator/petitions.py, which reads these same keys for
    # `portal check` and `portal digest`).
    petition_areas = c.ListOfItems(c.Type(str), default=list(DEFAULT_AREAS))
    petition_deadline_days = c.Type(int, default=DEFAULT_DEADLINE_DAYS)
    petition_contact = c.Type(dict, default={})


class PortalPlugin(BasePlugin[PortalConfig]):
    def __init__(self) -> None:
        self.site: Site | None = None  # `portal build` passes the site it has already checked
        self.serving = False
        self.edition: Edition | None = None
        self.generated: dict[str, PageSource] = {}
        self.docs_dir = ""
        self.index: IndexJob | None = None
        self.data: DataFilesJob | None = None
        self.menus: dict[tuple[str, ...], str] = {}
        self.menu_items: list[Any] = []
        self.menu_targets: list[str] = []

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # The preview shows drafts, and re-reads the content on every rebuild.
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).parent
        if self.site is None or self.serving:
            self.site = read_site(root)
        # Even the preview refuses to follow a link out of content/: MkDocs' own walk of the
        # folder would read, copy and serve whatever it points to.
        outside = [d for d in self.site.errors if d.code == "F012"]
        if self.site.errors and (not self.serving or outside):
            lines = [f"{d.file}:{d.line}: {d.code} {d.message}" for d in self.site.errors]
            raise PluginError(
                "Nội dung có lỗi, không dựng trang (chạy `portal check` để xem chi tiết):\n"
                + "\n".join(lines[:50])
            )
        as_of = date.fromisoformat(self.config.as_of) if self.config.as_of else date.today()
        # The preview shows drafts, and shows problems on the pages instead of refusing them.
        self.edition = make_edition(
            self.site,
            as_of,
            drafts=self.config.drafts or self.serving,
            problems=self.serving,
            place=self.config.place,
            site_url=config.site_url or "",
            urls=UrlScheme(directory_urls=config.use_directory_urls),
        )
        self.edition.petition_config = PetitionConfig.from_options(dict(self.config))
        self.generated = render_pages(self.edition, root)
        # The check renders bodies with the same settings (bodytext), so both see one HTML.
        for name, settings in MARKDOWN_CONFIGS.items():
            config.mdx_configs.setdefault(name, {}).update(settings)
        if config.nav is None:
            config.nav = [{title: src} for title, src in navigation(self.edition)]
        return config

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        self.menus = {}
        env.globals["portal_menu_once"] = self._menu_once
        # The preview's live reload is an inline script, which the policy would block.
        env.globals["portal_csp"] = "" if self.serving else CONTENT_SECURITY_POLICY
        # The header's search form submits to the results page, wherever the scheme puts it.
        assert self.edition is not None
        env.globals["portal_search_page"] = self.edition.urls.url(SEARCH_SRC)
        return env

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        self.menu_items = list(_menu_items(nav.items))
        self.menu_targets = [nav.homepage.url if nav.homepage else ""]
        self.menu_targets += [item.url for item in self.menu_items if item.url is not None]
        return nav

    def on_page_context(
        self, context: dict[str, object], page: MkDocsPage, config: MkDocsConfig, nav: Navigation
    ) -> dict[str, object]:
        """The key under which this page's menu HTML may be reused (see overrides/main.html).

        Material renders the menu for every page, a tenth of the build; yet a page that is not
        in the menu gets the same HTML as any other page from which every menu link has the
        same relative address. The key is those addresses; a page in the menu is not cached,
        since its entry is marked active.
        """
        # MkDocs marks the page being rendered active, and in the menu its section too.
        in_menu = any(item.active for item in self.menu_items)
        context["portal_menu_key"] = (
            None if in_menu else tuple(get_relative_url(url, page.url) for url in self.menu_targets)
        )
        return context

    def _menu_once(self, key: tuple[str, ...], caller: Callable[[], str]) -> str:
        menu = self.menus.get(key)
        if menu is None:
            menu = self.menus[key] = caller()
        return menu

    def on_build_error(self, *, error: Exception) -> None:
        if self.index is not None:
            self.index.cancel()
        if self.data is not None:
            self.data.cancel()

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Point MkDocs' walk of the docs folder at nothing.

        MkDocs walks docs_dir following every symbolic link: a link to `/` or a link back to a
        parent folder makes that walk endless, and whatever it meets would be copied to the
        site. The core has already walked content/ safely (``load.scan_content``); on_files
        hands MkDocs exactly those files.
        """
        self.docs_dir = config.docs_dir
        # A folder that does not exist: os.walk yields nothing, and nothing is left to clean
        # up, whenever the build is stopped.
        config.docs_dir = os.path.join(config.site_dir, ".portal-nothing-to-walk")

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.edition is not None
        # MkDocs has cleaned the site folder by now: feeds, calendars and data may go in.
        self.data = DataFilesJob(
            self.edition, config.site_name, config.site_url, Path(config.site_dir)
        )
        # Started here, after MkDocs has emptied the output folder: the index job writes into
        # the build's own search/ folder while MkDocs renders the pages.
        # Answered petitions are searched too (unanswered ones are not in the edition at all).
        indexed = self.edition.documents + self.edition.petitions
        urls = {d.path: self.edition.url_of(d) for d in indexed}
        self.index = IndexJob(indexed, urls, Path(config.site_dir) / "search")
        # MkDocs walked an empty folder (see on_pre_build); the files of content/ it gets are
        # the ones the core found really inside it and publishable, read from content/ itself.
        walked, config.docs_dir = config.docs_dir, self.docs_dir
        for file in list(files):
            if file.abs_src_path and file.abs_src_path.startswith(walked + os.sep):
                files.remove(file)  # only if someone made the folder meanwhile
        assert self.site is not None
        pages = {page.path.removeprefix("content/") for page in self.site.pages}
        for src in sorted((pages | set(self.site.assets)) - self.edition.hidden):
            theirs = files.get_file_from_path(src)
            if theirs is not None:
                files.remove(theirs)  # as in MkDocs, a file of the site wins over the theme's
            files.append(File(src, self.docs_dir, config.site_dir, config.use_directory_urls))
        for src, page in sorted(self.generated.items()):
            files.append(
                File.generated(
                    config, src, content=page.markdown, inclusion=InclusionLevel.NOT_IN_NAV
                )
            )
        return files

    def on_page_content(
        self, html: str, page: MkDocsPage, config: MkDocsConfig, files: Files
    ) -> str:
        """Generated pages: the core's finished HTML around the rendered text."""
        html = sanitize(html)  # what the editor wrote, as rendered; the rest is the core's
        source = self.generated.get(page.file.src_uri)
        if source is None:
            return html
        return f"{source.before}\n{html}\n{source.after}"

    def on_page_markdown(
        self, markdown: str, page: MkDocsPage, config: MkDocsConfig, files: Files
    ) -> str:
        """Generated pages get their meta; plain pages their citations linked like documents."""
        edition = self.edition
        assert edition is not None
        source = self.generated.get(page.file.src_uri)
        if source is not None:
            page.meta.update(source.meta)
            return _renderable(markdown)
        src = page.file.src_uri
        plain = edition.page_by_src.get(src)
        if plain is not None:
            # The frontmatter MkDocs read itself is raw: a title there lands unescaped in the
            # menu, <title>, og:title and the header. The core's escaped values replace it.
            page.meta = page_meta(plain.title, plain.summary or "")

        def target(citation: Citation) -> str | None:
            cited = edition.registry.resolve(citation.number, on=citation.cited_date)
            return relative(src, edition.src_of(cited)) if cited else None

        return _renderable(link_citations(markdown, extract_citations(markdown), target))

    def on_post_build(self, config: MkDocsConfig) -> None:
        """Feeds, calendars and open data; an old number's address keeps working (the core's
        redirect pages, written where the generator wrote no page)."""
        assert self.edition is not None and self.index is not None
        site_dir = Path(config.site_dir)
        self.index.finish()
        self.index = None
        if self.data is not None:
            self.data.finish()
        write_redirects(self.edition, site_dir)


def _renderable(markdown: str) -> str:
    """Markdown the renderer neither crashes nor stalls on (see bodytext and sanitize): a
    body too costly to render is an error (B006), shown as plain text in the preview."""
    return shield_markup(markdown if renderable(markdown) else defuse(markdown))


def _menu_items(items: list[Any]) -> Iterator[Any]:
    for item in items:
        yield item
        yield from _menu_items(getattr(item, "children", None) or [])
