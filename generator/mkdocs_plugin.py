"""The MkDocs adapter: hands the core's pages to MkDocs. Nothing else lives here.

MkDocs 2 drops this plugin API and Material reaches end of life in May 2027, so this file is
kept thin: reading, checking and rendering pages happen in the core, which imports no MkDocs.
"""

from __future__ import annotations

import html
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

from generator.citations import Citation, extract_citations
from generator.datafiles import DataFilesJob
from generator.pages import Edition, PageSource, make_edition, navigation, render_pages
from generator.pages.links import link_citations
from generator.search import IndexJob
from generator.site import Site, read_site
from generator.urls import document_src, relative, url_of


class PortalConfig(base.Config):
    drafts = c.Type(bool, default=False)
    as_of = c.Optional(c.Type(str))


class PortalPlugin(BasePlugin[PortalConfig]):
    def __init__(self) -> None:
        self.site: Site | None = None  # `portal build` passes the site it has already checked
        self.serving = False
        self.edition: Edition | None = None
        self.generated: dict[str, PageSource] = {}
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
        if self.site.errors and not self.serving:
            lines = [f"{d.file}:{d.line}: {d.code} {d.message}" for d in self.site.errors]
            raise PluginError(
                "Nội dung có lỗi, không dựng trang (chạy `portal check` để xem chi tiết):\n"
                + "\n".join(lines[:50])
            )
        as_of = date.fromisoformat(self.config.as_of) if self.config.as_of else date.today()
        # The preview shows drafts, and shows problems on the pages instead of refusing them.
        self.edition = make_edition(
            self.site, as_of, drafts=self.config.drafts or self.serving, problems=self.serving
        )
        self.generated = render_pages(self.edition, root)
        if config.nav is None:
            config.nav = [{title: src} for title, src in navigation(self.edition)]
        urls = {d.path: self.edition.url_of(d) for d in self.edition.documents}
        self.index = IndexJob(self.edition.documents, urls)
        return config

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        self.menus = {}
        env.globals["portal_menu_once"] = self._menu_once
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

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.edition is not None
        # MkDocs has cleaned the site folder by now: feeds, calendars and data may go in.
        site_dir = Path(config.site_dir)
        self.data = DataFilesJob(self.edition, config.site_name, config.site_url, site_dir)
        for file in list(files):
            if file.src_uri in self.edition.hidden:
                files.remove(file)
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
            return markdown
        src = page.file.src_uri

        def target(citation: Citation) -> str | None:
            cited = edition.registry.resolve(citation.number, on=citation.cited_date)
            return relative(src, edition.src_of(cited)) if cited else None

        return link_citations(markdown, extract_citations(markdown), target)

    def on_post_build(self, config: MkDocsConfig) -> None:
        """Feeds, calendars and open data; an old number's address keeps working."""
        assert self.edition is not None and self.index is not None
        site_dir = Path(config.site_dir)
        self.index.finish(site_dir / "search")
        if self.data is not None:
            self.data.finish()
        for document in self.edition.documents:
            new_url = url_of(self.edition.src_of(document))
            for previous in document.previous_numbers:
                old_url = url_of(document_src(document, previous.number))
                if old_url == new_url:
                    continue
                depth = len([p for p in old_url.split("/") if p])
                target = "../" * depth + new_url
                page = site_dir / old_url / "index.html"
                page.parent.mkdir(parents=True, exist_ok=True)
                page.write_text(_redirect(target, config.site_url, new_url), encoding="utf-8")


def _menu_items(items: list[Any]) -> Iterator[Any]:
    for item in items:
        yield item
        yield from _menu_items(getattr(item, "children", None) or [])


def _redirect(target: str, site_url: str | None, new_url: str) -> str:
    canonical = html.escape((site_url or "") + new_url) if site_url else html.escape(target)
    safe = html.escape(target)
    return (
        '<!doctype html><html lang="vi"><head><meta charset="utf-8">'
        f'<title>Văn bản đã chuyển địa chỉ</title><link rel="canonical" href="{canonical}">'
        f'<meta http-equiv="refresh" content="0; url={safe}">'
        '<meta name="robots" content="noindex"></head>'
        f'<body><p>Văn bản đã chuyển sang <a href="{safe}">địa chỉ mới</a>.</p></body></html>\n'
    )
