"""The MkDocs adapter: hands the core's pages to MkDocs. Nothing else lives here.

MkDocs 2 drops this plugin API and Material reaches end of life in May 2027, so this file is
kept thin: reading, checking and rendering pages happen in the core, which imports no MkDocs.
"""

from __future__ import annotations

import functools
import os
import posixpath
import sys
import types
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any, ClassVar

import markdown
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
from generator.diagnostics import Diagnostic, sort_key
from generator.jobs import SiteJobs
from generator.live import LiveSite
from generator.model import Document
from generator.pages import (
    Edition,
    ListingMemo,
    PageSource,
    make_edition,
    navigation,
    render_collections,
    render_pages,
    update_pages,
)
from generator.pages.document import (
    cited_sources,
    document_inputs,
    document_panels,
    document_text,
    fingerprint,
    render_document,
)
from generator.pages.edition import provisional
from generator.pages.links import link_citations
from generator.pages.markup import page_meta
from generator.pages.redirects import write_redirects
from generator.pages.search_page import SRC as SEARCH_SRC
from generator.petitions import DEFAULT_AREAS, DEFAULT_DEADLINE_DAYS, PetitionConfig
from generator.processes import bulk_allocation
from generator.sanitize import CONTENT_SECURITY_POLICY, sanitize, shield_markup
from generator.site import Site, read_site
from generator.urls import UrlScheme, relative


class Superseded(Exception):
    """A newer save is waiting: the preview's update stops before it has changed anything."""


class _DocumentFile(File):
    """A document's page whose Markdown is made when MkDocs reads it (``portal build``)."""

    text: Callable[[], str]

    @property  # type: ignore[override]
    def content_string(self) -> str:
        return self.text()

    @content_string.setter
    def content_string(self, value: str) -> None:
        self.text = lambda: value


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
    # `portal build` makes each document's page when MkDocs reaches it; False makes them all
    # first, as the preview does (the tests compare both ways byte for byte).
    lazy_pages: ClassVar[bool] = True
    # `portal build` converts every page's Markdown with one converter (see _ReusedMarkdown);
    # False leaves MkDocs to make one a page (the tests compare both ways byte for byte).
    one_converter: ClassVar[bool] = True

    def __init__(self) -> None:
        self.site: Site | None = None  # `portal build` passes the site it has already checked
        self.serving = False
        # `portal serve` passes the site it keeps up to date for each full build.
        self.site_given = False
        self.edition: Edition | None = None
        self.generated: dict[str, PageSource] = {}
        self.docs_dir = ""
        self.jobs: SiteJobs | None = None  # the search index and the data files
        self.menus: dict[tuple[str | None, ...], str] = {}
        self.menu_items: list[Any] = []
        self.menu_targets: list[str] = []
        self.menu_keys: dict[str, tuple[str, ...]] = {}  # by the folder holding a page's folder
        # What the preview keeps between builds to render a few pages again (see refresh).
        self.files: Files | None = None
        self.nav: Navigation | None = None
        self.env: Environment | None = None
        self.pending: dict[str, PageSource] = {}  # pages shown by ``provisional``, by source
        self.reuse: Any = None  # `portal build`'s PageCache: pages kept from the previous build
        # The preview's listing pages, kept between saves (see pages.listings.ListingMemo).
        self.memo: ListingMemo | None = None
        # `portal build`: the documents whose pages are made only when MkDocs reaches them, by
        # source, and what is kept of each from its reading to its rendering (its meta).
        self.lazy: dict[str, Document] = {}
        self.parts: dict[str, dict[str, object]] = {}
        # `portal build`: where each lazy document's citations lead, worked out for its page's
        # key (see _reuse_pages) and used again when its text is made (``document_text``).
        self.cited: dict[str, list[str | None]] = {}
        self.in_menu: set[str] = set()
        self.root = Path()
        # `portal build`: one Markdown converter for every page (see _ReusedMarkdown).
        self.converter: _ReusedMarkdown | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # The preview shows drafts, and re-reads the content on every rebuild.
        self.serving = command == "serve"
        # MkDocs keeps one plugin object per process for every build it makes there (it has
        # on_startup): nothing of an earlier build, preview or not, may reach this one.
        self.site, self.site_given, self.reuse, self.pending = None, False, None, {}

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).parent
        # `mkdocs serve` reads the site again for every rebuild; `portal serve` hands it in.
        if self.site is None or (self.serving and not self.site_given):
            self.site = read_site(root)
        self.site_given = False
        # Even the preview refuses to follow a link out of content/: MkDocs' own walk of the
        # folder would read, copy and serve whatever it points to.
        outside = [d for d in self.site.errors if d.code == "F012"]
        if self.site.errors and (not self.serving or outside):
            lines = [f"{d.file}:{d.line}: {d.code} {d.message}" for d in self.site.errors]
            raise PluginError(
                "Nội dung có lỗi, không dựng trang (chạy `portal check` để xem chi tiết):\n"
                + "\n".join(lines[:50])
            )
        self.root, self.parts, self.cited = root, {}, {}
        self.converter = _ReusedMarkdown() if self.one_converter and not self.serving else None
        # The edition and the generated pages are held to the end of the build: made without
        # the collector rescanning the heap as it grows (see bulk_allocation).
        with bulk_allocation():
            self.edition = self._edition(self.site, config)
            self._pages(root)
        # The check renders bodies with the same settings (bodytext), so both see one HTML.
        for name, settings in MARKDOWN_CONFIGS.items():
            config.mdx_configs.setdefault(name, {}).update(settings)
        if config.nav is None:
            config.nav = [{title: src} for title, src in navigation(self.edition)]
        return config

    def _pages(self, root: Path) -> None:
        assert self.edition is not None
        if self.serving or not self.lazy_pages:
            # The preview compares each page with its next version: it keeps them all.
            self.memo = ListingMemo() if self.serving else None
            self.generated, self.lazy = render_pages(self.edition, root, self.memo), {}
        else:
            # A build makes each document's page when MkDocs reaches it and keeps none of
            # them: ~15 KB a document held to the end, and inherited by the forked jobs.
            self.memo = None
            self.generated = render_collections(self.edition)
            self.lazy = {self.edition.src_of(d): d for d in self.edition.documents}

    def _edition(
        self, site: Site, config: MkDocsConfig, previous: Edition | None = None
    ) -> Edition:
        as_of = date.fromisoformat(self.config.as_of) if self.config.as_of else date.today()
        # The preview shows drafts, and shows problems on the pages instead of refusing them.
        return make_edition(
            site,
            as_of,
            drafts=self.config.drafts or self.serving,
            problems=self.serving,
            place=self.config.place,
            site_url=config.site_url or "",
            urls=UrlScheme(directory_urls=config.use_directory_urls),
            petition_config=PetitionConfig.from_options(dict(self.config)),
            previous=previous,
        )

    def refresh(
        self,
        site: Site,
        edited: set[str],
        config: MkDocsConfig,
        superseded: Callable[[], bool] = lambda: False,
    ) -> list[str] | None:
        """The preview after a save: take the site as it is now, and say which pages to render
        again (their sources under the docs folder); None when everything must be built again.

        ``edited`` holds the root-relative paths of the Markdown files whose bytes changed.
        The generated pages that changed get their new Markdown; a plain page is read again
        from its file by MkDocs. Raises ``Superseded``, changing nothing, as soon as
        ``superseded()`` says a newer save is waiting: its page comes first.
        """
        assert self.edition is not None and self.files is not None
        if site.errors and any(d.code == "F012" for d in site.errors):
            self.pending = {}
            return None  # on_config refuses it, with its message
        edition = self._edition(site, config, self.edition)
        if superseded():
            raise Superseded
        root = Path(config.config_file_path).parent
        generated = update_pages(self.edition, self.generated, edition, edited, root, self.memo)
        if generated is None:
            self.pending = {}
            return None
        if superseded():
            raise Superseded
        changed = [src for src, page in generated.items() if self.generated.get(src) != page]
        # Pages shown provisionally are rendered again, as they are; from here on, pages
        # render from self.generated.
        changed += list(self.pending)
        self.pending = {}
        changed += [src for src, page in edition.page_by_src.items() if page.path in edited]
        for src in changed:
            file = self.files.get_file_from_path(src)
            if file is None or file.page is None:
                return None
            if src in generated:
                file.content_string = generated[src].markdown
        self.site, self.edition, self.generated = site, edition, generated
        return sorted(set(changed))

    def provisional(self, live: LiveSite, edited: set[str], config: MkDocsConfig) -> list[str]:
        """The edited documents' own pages at once, before ``refresh`` works out the rest.

        Their problems are those of the files as saved, with those found across files (a
        duplicate number, a citation that resolves nowhere) as they were before the save,
        until ``refresh``. Sets the pages' Markdown and returns their sources; none where the
        quick way does not apply (see ``pages.edition.provisional``).
        """
        assert self.edition is not None and self.files is not None
        edition = self.edition
        documents: dict[str, Document] = {}
        problems: dict[str, list[Diagnostic]] = {}
        for path in edited:
            item, diagnostics = live.results[path]
            if not isinstance(item, Document) or path not in live.replaced:
                return []
            _, before = live.replaced[path]
            across = [d for d in edition.problems.get(path, []) if d not in before]
            documents[path] = item
            problems[path] = sorted(diagnostics + across, key=sort_key)
        quick = provisional(edition, documents, problems)
        if quick is None:
            return []
        root = Path(config.config_file_path).parent
        sources = []
        for document in documents.values():
            src = quick.src_of(document)
            file = self.files.get_file_from_path(src)
            if file is None or file.page is None:
                return []
            page = self.pending[src] = render_document(quick, document, root)
            file.content_string = page.markdown
            sources.append(src)
        return sources

    def start_data_jobs(self, config: MkDocsConfig) -> None:
        """The search index, feeds, calendars and open data, written into the site folder by
        other processes (see on_files); ``finish_data_jobs`` waits for them."""
        assert self.edition is not None
        # `portal build` starts one new process handed the edition: forked, the jobs would
        # count this process's memory again. The preview forks them, after every save.
        self.jobs = SiteJobs(
            self.edition,
            config.site_name,
            config.site_url,
            Path(config.site_dir),
            fresh=not self.serving,
            previous=self.reuse.target if self.reuse is not None else None,
        )

    # The jobs are let go only once they have ended: a stop (Ctrl+C, SIGTERM) while they are
    # waited for leaves them here for cancel_data_jobs, not writing into a removed folder.
    def finish_data_jobs(self) -> None:
        if self.jobs is not None:
            self.jobs.finish()
            self.jobs = None

    def cancel_data_jobs(self) -> None:
        if self.jobs is not None:
            self.jobs.cancel()
            self.jobs = None

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        self.env = env
        self.menus = {}
        env.globals["portal_menu_once"] = self._menu_once
        # The preview's live reload is an inline script, which the policy would block.
        env.globals["portal_csp"] = "" if self.serving else CONTENT_SECURITY_POLICY
        # The header's search form submits to the results page, wherever the scheme puts it.
        assert self.edition is not None
        env.globals["portal_search_page"] = self.edition.urls.url(SEARCH_SRC)
        return env

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav = nav
        self.menu_items = list(_menu_items(nav.items))
        self.menu_targets = [nav.homepage.url if nav.homepage else ""]
        self.menu_targets += [item.url for item in self.menu_items if item.url is not None]
        self.menu_keys = {}
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
        context["portal_menu_key"] = None if in_menu else self._menu_key(page.url)
        self._surround(page)
        return context

    def _menu_key(self, url: str) -> tuple[str, ...]:
        """The menu links' addresses relative to a page. Pages served as folders side by side
        ("van-ban/2025/a/", "van-ban/2025/b/") get the same addresses for every link that
        leads outside their own folder: those are worked out once for the folder holding them.
        """
        folder = posixpath.dirname(url[:-1]) if url.endswith("/") else None
        if folder is None or any((t + "/").startswith(url) for t in self.menu_targets):
            return tuple(get_relative_url(target, url) for target in self.menu_targets)
        key = self.menu_keys.get(folder)
        if key is None:
            key = tuple(get_relative_url(target, url) for target in self.menu_targets)
            self.menu_keys[folder] = key
        return key

    def _menu_once(self, key: tuple[str | None, ...], caller: Callable[[], str]) -> str:
        """The HTML ``caller`` renders, rendered once a build for each ``key``: the menu (keyed
        by ``_menu_key``), and the theme's other parts that are the same on many pages, under
        keys that start with None (overrides/main.html, partials/header.html, top.html,
        language.html, content.html), each naming everything its part depends on."""
        menu = self.menus.get(key)
        if menu is None:
            menu = self.menus[key] = caller()
        return menu

    def on_build_error(self, *, error: Exception) -> None:
        self.cancel_data_jobs()

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
        self.files = files
        # Started here, after MkDocs has emptied the output folder: feeds, calendars, data and
        # the index (into the build's own search/ folder) are written while MkDocs renders.
        self.start_data_jobs(config)
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
        # A file for every generated page and their keys, held to the end of the build.
        with bulk_allocation():
            for src in sorted(self.generated.keys() | self.lazy.keys()):
                if src in self.lazy:
                    file = _DocumentFile.generated(
                        config, src, content="", inclusion=InclusionLevel.NOT_IN_NAV
                    )
                    file.text = functools.partial(self._document_text, src)
                else:
                    markdown = self.generated[src].markdown
                    file = File.generated(
                        config, src, content=markdown, inclusion=InclusionLevel.NOT_IN_NAV
                    )
                files.append(file)
            if self.reuse is not None:
                self._reuse_pages(files, config)
        return files

    def _reuse_pages(self, files: Files, config: MkDocsConfig) -> None:
        """Pages whose sources are unchanged since the previous build are copied from it, and
        MkDocs' dirty build skips them (see build.PageCache)."""
        assert self.edition is not None
        menu = navigation(self.edition)
        self.reuse.start((menu, config.site_url, self.config.drafts))
        self.in_menu = {src for _, src in menu}
        site_dir = Path(config.site_dir)
        faces: dict[str, str] = {}
        # The files by source, as get_file_from_path looks them up once it has normalised the
        # path (a PurePath a page, ~30 µs): the sources here are the ones the files were made
        # with, so only one that is not already normalised needs that.
        by_src = files.src_uris
        for src in sorted(self.generated.keys() | self.lazy.keys()):
            file = by_src.get(src) or files.get_file_from_path(src)
            if src in self.in_menu or file is None:
                continue
            document = self.lazy.get(src)
            if document is not None:
                # Keyed by what its page is made of, without rendering it.
                cited = self.cited[src] = cited_sources(self.edition, document)
                inputs = document_inputs(
                    self.edition, document, self.root, fingerprint, faces, cited
                )
                key = self.reuse.key_of(src, inputs)
            elif self.reuse.usable:
                source = self.generated[src]
                started = self.reuse.begin(src, source.meta, source.markdown)
                key = self.reuse.finish(started, source.before, source.after)
            else:
                continue  # recorded when it is written (see _surround)
            if not self.reuse.usable:
                self.reuse.record(src, key, file.dest_uri)
            elif self.reuse.restore(src, key, file.dest_uri, site_dir):
                file.is_modified = _unmodified  # type: ignore[method-assign]
                self.cited.pop(src, None)  # kept: its text is not made

    def _document_text(self, src: str) -> str:
        """A lazy document page's Markdown, as MkDocs reads it; its meta is kept for
        on_page_markdown."""
        assert self.edition is not None
        meta, markdown = document_text(self.edition, self.lazy[src], self.cited.pop(src, None))
        self.parts[src] = meta
        return markdown

    def _recorded(self, src: str) -> bool:
        """Whether the page's key goes into `portal build`'s page cache."""
        return self.reuse is not None and src not in self.in_menu

    def on_page_content(
        self, html: str, page: MkDocsPage, config: MkDocsConfig, files: Files
    ) -> str:
        """What the editor wrote, as rendered, through the sanitiser; the HTML around it is
        the core's, added when the page is written (see _surround)."""
        return sanitize(html)

    def _surround(self, page: MkDocsPage) -> None:
        """Generated pages: the core's finished HTML around the rendered text.

        Added as the page is written, one page at a time, rather than when MkDocs renders
        every page's text first and keeps it all until the pages are written.
        """
        src = page.file.src_uri
        source = self.pending.get(src) or self.generated.get(src)
        if source is not None:
            before, after = source.before, source.after
            if self._recorded(src):
                started = self.reuse.begin(src, source.meta, source.markdown)
                key = self.reuse.finish(started, before, after)
                self.reuse.record(src, key, page.file.dest_uri)
        elif src in self.lazy and src in self.parts:
            assert self.edition is not None
            del self.parts[src]  # a document's key was recorded before (see _reuse_pages)
            before, after = document_panels(self.edition, self.lazy[src], self.root)
        else:
            return
        page.content = f"{before}\n{page.content}\n{after}"

    def on_post_page(self, output: str, page: MkDocsPage, config: MkDocsConfig) -> str:
        """The page is written: nothing reads its text again (a preview's next render of it
        reads and renders it afresh), so MkDocs need not keep it to the end of the build.

        MkDocs falls back on a page's text for its title: only pages whose meta names it let
        the text go, and only documents (never in the menu) their Markdown too.
        """
        if "title" in page.meta:
            page.content = None
            if page.file.src_uri in self.lazy:
                page.markdown = None
        if self._recorded(page.file.src_uri):
            # The same text, carrying the bytes MkDocs writes (see build.EncodedPage).
            return self.reuse.written(page.file.src_uri, output)
        return output

    def on_page_markdown(
        self, markdown: str, page: MkDocsPage, config: MkDocsConfig, files: Files
    ) -> str:
        """Generated pages get their meta; plain pages their citations linked like documents."""
        edition = self.edition
        assert edition is not None
        if self.converter is not None:
            # Called by MkDocs right after this hook, as page.render(config, files).
            page.render = functools.partial(self.converter.render, page)  # type: ignore[method-assign]
        source = self.pending.get(page.file.src_uri) or self.generated.get(page.file.src_uri)
        lazy = self.parts.get(page.file.src_uri) if source is None else None
        if source is not None or lazy is not None:
            page.meta.update(source.meta if source is not None else lazy)  # type: ignore[arg-type]
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
        assert self.edition is not None and self.jobs is not None
        site_dir = Path(config.site_dir)
        self.finish_data_jobs()
        write_redirects(self.edition, site_dir)


def _unmodified() -> bool:
    return False


class _ReusedMarkdown(types.ModuleType):
    """The ``markdown`` module as MkDocs' page module sees it while a build renders a page:
    ``Markdown(...)`` gives one converter, reset, instead of a new one per page.

    MkDocs makes a ``markdown.Markdown`` for every page (``Page.render``), loading every
    extension again: ~0.4 ms a page, 4 s of a 10,000-document build. Python-Markdown's own
    way to convert many texts is one instance and ``reset()`` between them, which clears its
    state and every extension's (the table of contents' among them). MkDocs then registers its
    page processors on it by name, replacing the previous page's. The engine's own ``render``
    runs unchanged (MkDocs' and ProperDocs' differ); a converter asked for with other settings,
    or whose processors grew in number (an engine registering under new names), is not reused.
    """

    def __init__(self) -> None:
        super().__init__("markdown")
        self.settings: object = None
        self.converter: markdown.Markdown | None = None
        self.sizes: tuple[int, ...] = ()

    def __getattr__(self, name: str) -> Any:
        return getattr(markdown, name)

    def Markdown(self, **settings: Any) -> markdown.Markdown:  # the module's own name
        if self.converter is None or settings != self.settings or not self._same_size():
            self.settings = settings
            self.converter = markdown.Markdown(**settings)
            self.sizes = ()
            return self.converter
        return self.converter.reset()

    def _same_size(self) -> bool:
        """Whether the converter holds as many processors as after its first page."""
        assert self.converter is not None
        converter = self.converter
        sizes = tuple(
            len(registry)
            for registry in (
                converter.preprocessors,
                converter.parser.blockprocessors,
                converter.inlinePatterns,
                converter.treeprocessors,
                converter.postprocessors,
            )
        )
        if not self.sizes:
            self.sizes = sizes
        return sizes == self.sizes

    def render(self, page: MkDocsPage, config: MkDocsConfig, files: Files) -> None:
        """The engine's ``Page.render`` of ``page``, with this module as its ``markdown``."""
        module = sys.modules[MkDocsPage.__module__]
        real = module.markdown
        module.markdown = self
        try:
            MkDocsPage.render(page, config, files)
        finally:
            module.markdown = real


def _renderable(markdown: str) -> str:
    """Markdown the renderer neither crashes nor stalls on (see bodytext and sanitize): a
    body too costly to render is an error (B006), shown as plain text in the preview."""
    return shield_markup(markdown if renderable(markdown) else defuse(markdown))


def _menu_items(items: list[Any]) -> Iterator[Any]:
    for item in items:
        yield item
        yield from _menu_items(getattr(item, "children", None) or [])
