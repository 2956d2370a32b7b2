"""Publishing pipeline of the e-portal of Văn phòng UBND tỉnh Sơn La.

The pipeline runs in stages, each handing plain typed objects to the next:

    load → model → citations → registry → check → graph → pages → adapter → build/CLI

- ``load``: bytes to positioned frontmatter nodes and body, never raising (``load``), the
  site root and its content folder (``siteroot``), the files' git history (``history``);
- ``model``: the typed objects (``model``), read from the frontmatter by ``frontmatter``, with
  what derives from them alone: the JSON Schema (``schema``), addresses (``urls``), the
  petitions' configuration and deadlines (``petitions``);
- ``citations``: the documents a body cites, found in its text;
- ``registry``: documents by number, in context;
- ``check``: one function per diagnostic code (``check/``), and ``site``, which runs every
  stage so far over a site root;
- ``graph``: relations and timelines between documents;
- ``pages``: every public page, feed, calendar, open-data file and search index of an edition
  (``pages/``, ``publication``, ``feeds``, ``calendars``, ``opendata``, ``datafiles``,
  ``search``), and the text views of the command line (``show``, ``digest``);
- ``adapter``: ``mkdocs_plugin``, the thin MkDocs adapter;
- ``cli``: ``build`` (runs MkDocs), the commands (``cli``, ``fix``, ``diff``, ``scaffold``).

Below them all, ``base`` holds leaves every stage may use (dates, diagnostics and the rule
catalogue, document types, the number grammar, the sanitiser and body text, the cache, worker
processes), and below it ``patterns``: the regular expressions compiled when first used, whose
programs `portal check` keeps between runs. A module imports only from its own stage or an
earlier one: ``STAGES`` below is the table ``tests/test_stages.py`` holds every import in
``generator/`` to, and a new module gets its line there. Only ``mkdocs_plugin`` and
``build`` import MkDocs, so the generator can be swapped.
"""

__version__ = "0.1.0"

# Each stage, in order, with its modules (a package name covers its submodules).
STAGES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("patterns", ("generator.patterns",)),
    (
        "base",
        (
            "generator",
            "generator.bodytext",
            "generator.cache",
            "generator.dates",
            "generator.diagnostics",
            "generator.doctypes",
            "generator.numbers",
            "generator.processes",
            "generator.rules",
            "generator.sanitize",
        ),
    ),
    ("load", ("generator.load", "generator.siteroot", "generator.history")),
    (
        "model",
        (
            "generator.model",
            "generator.frontmatter",
            "generator.schema",
            "generator.urls",
            "generator.petitions",
        ),
    ),
    ("citations", ("generator.citations",)),
    ("registry", ("generator.registry",)),
    ("check", ("generator.check", "generator.site", "generator.checkrun", "generator.live")),
    ("graph", ("generator.graph",)),
    (
        "pages",
        (
            "generator.pages",
            "generator.publication",
            "generator.feeds",
            "generator.calendars",
            "generator.opendata",
            "generator.datafiles",
            "generator.search",
            "generator.jobs",
            "generator.show",
            "generator.digest",
        ),
    ),
    ("adapter", ("generator.mkdocs_plugin",)),
    (
        "cli",
        (
            "generator.build",
            "generator.engine",
            "generator.cli",
            "generator.fix",
            "generator.diff",
            "generator.scaffold",
        ),
    ),
)
