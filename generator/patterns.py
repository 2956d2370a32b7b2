"""Regular expressions compiled when first used, and their compiled programs kept.

The grammars of numbers and citations, and the patterns of the loader, the frontmatter and the
body checks, take ~50 ms to compile, at every start of `portal`; a warm `portal check` or
`portal build`, which reads no body, never uses most of them. ``lazy`` compiles a pattern on its
first use; ``compile_kept`` compiles it from a program an earlier run kept (`portal check`'s
snapshot), so that a check after an edit reads the edited body without compiling a grammar.

The first stage: every module that compiles a pattern may use it.
"""

from __future__ import annotations

import _sre  # the C half of `re`: see compile_kept
import re
from typing import Any, cast


class _Lazy:
    """A regular expression compiled on first use, then as fast as the compiled one: on first
    use the compiled pattern's methods are copied onto the instance, so that every later call
    is an ordinary attribute lookup, as on a compiled pattern."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._source = (pattern, flags)

    def __getattr__(self, name: str) -> object:
        # Called only for what the instance does not hold yet: the first use of a method, or
        # an attribute such as ``pattern`` (read from the compiled pattern kept here).
        compiled = self.__dict__.get("_compiled")
        if compiled is None:
            compiled = self._compiled = compile_kept(*self._source)
            for method in ("match", "fullmatch", "search", "finditer", "findall", "sub", "split"):
                setattr(self, method, getattr(compiled, method))
        return getattr(compiled, name)


# The grammars' compiled programs, by (pattern, flags): the arguments ``re`` hands to
# ``_sre.compile`` once it has parsed and compiled a pattern in Python (most of the ~50 ms).
# A caller may keep them between runs and hand them back (`portal check`'s snapshot, signed
# like the rest of it, and versioned by the interpreter and this code): a check after an edit
# then reads the edited file's body without compiling a grammar again.
_PROGRAMS: dict[tuple[str, int], tuple[Any, ...]] = {}


def compile_kept(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, from its kept program when there is one.

    ``re._compiler.compile`` (Python 3.11 to 3.13) in two steps, so that the program can be
    kept; ``tests/test_patterns.py`` checks the patterns equal ``re.compile``'s (a pattern's
    equality compares its program). Anything unexpected falls back to ``re.compile``."""
    key = (pattern, flags)
    kept = _PROGRAMS.get(key)
    if kept is not None:
        try:
            return cast("re.Pattern[str]", _sre.compile(pattern, *kept))
        except Exception:  # not a program of this interpreter: compiled again below
            del _PROGRAMS[key]
    try:
        from re import _compiler, _parser

        parsed = _parser.parse(pattern, flags)
        code = list(map(int, _compiler._code(parsed, flags)))  # plain ints: picklable
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for group, index in groupindex.items():
            indexgroup[index] = group
        program = (int(flags | parsed.state.flags), code, parsed.state.groups - 1)
        program += (groupindex, tuple(indexgroup))
        compiled = _sre.compile(pattern, *program)
    except Exception:
        return re.compile(pattern, flags)
    _PROGRAMS[key] = program
    return cast("re.Pattern[str]", compiled)


def kept_programs() -> dict[tuple[str, int], tuple[Any, ...]]:
    """The programs of every grammar this process compiled or was handed, to keep."""
    return dict(_PROGRAMS)


def keep_programs(programs: object) -> None:
    """Programs kept by an earlier run (``kept_programs``); anything else is ignored."""
    if isinstance(programs, dict):
        for key, program in programs.items():
            if isinstance(key, tuple) and isinstance(program, tuple):
                _PROGRAMS.setdefault(key, program)


def lazy(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, compiled when first used (see ``_Lazy``)."""
    return cast("re.Pattern[str]", _Lazy(pattern, flags))
