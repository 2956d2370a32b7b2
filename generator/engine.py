"""Which engine builds the site: MkDocs 1.6, or ProperDocs, its maintained drop-in fork.

ProperDocs keeps MkDocs 1.x's plugin and theme interfaces under its own package name; once its
``properdocs.replacement`` module is imported, every ``mkdocs.*`` import resolves to the
matching ``properdocs.*`` module. So the portal plugin and Material, which both import
``mkdocs``, run unchanged under either engine, provided the choice is made before anything in
the process imports ``mkdocs``: ``portal build`` and ``portal serve`` make it first thing, and
only they (with the adapter) import the engine.
"""

from __future__ import annotations

import importlib.util
import sys

DEFAULT_ENGINE = "mkdocs"
# Command-line name: (display name, the distribution that provides it).
ENGINES: dict[str, tuple[str, str]] = {
    "mkdocs": ("MkDocs", "mkdocs"),
    "properdocs": ("ProperDocs", "properdocs"),
}


class EngineUnavailable(Exception):
    """The engine asked for cannot run in this process; the message says why, in Vietnamese."""


def display_name(engine: str) -> str:
    return ENGINES[engine][0]


def engine_version(engine: str) -> str | None:
    """The installed version of the engine's distribution, or None when it is not installed."""
    # Imported here: importlib.metadata is slow to import, and `portal check` never needs it.
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(ENGINES[engine][1])
    except PackageNotFoundError:
        return None


def active_engine() -> str | None:
    """The engine ``mkdocs.*`` imports resolve to in this process, None before any import."""
    module = sys.modules.get("mkdocs")
    if module is None:
        return None
    return "properdocs" if module.__name__ == "properdocs" else "mkdocs"


def select_engine(engine: str) -> None:
    """Make the coming ``mkdocs.*`` imports resolve to ``engine``.

    Raises EngineUnavailable when the engine is not installed, or when this process has already
    imported the other one (its modules cannot be swapped out once loaded: two engines would
    then share one build and mix their classes).
    """
    if engine not in ENGINES:
        raise EngineUnavailable(
            f"không có bộ dựng trang {engine!r}; chọn một trong: {', '.join(ENGINES)}."
        )
    name = display_name(engine)
    if importlib.util.find_spec(ENGINES[engine][1]) is None or engine_version(engine) is None:
        extra = "" if engine == DEFAULT_ENGINE else f"[{engine}]"
        raise EngineUnavailable(
            f"chưa cài {name}. Cài bằng: pip install -e '.{extra}' (trong thư mục gốc của trang)."
        )
    active = active_engine()
    if active is not None and active != engine:
        raise EngineUnavailable(
            f"tiến trình này đã nạp {display_name(active)}, không chuyển sang {name} được; "
            f"chạy lại lệnh trong một tiến trình mới với --engine {engine}."
        )
    if engine == "properdocs":
        # Imported for its side effect: `mkdocs` and every `mkdocs.*` become ProperDocs'.
        import properdocs.replacement  # noqa: F401
