"""Regular expressions compiled on first use, so that importing a module stays cheap.

The modules ``Docker()`` loads hold about twenty patterns at module level; compiling them
all at import was a few milliseconds of the first client's budget (issue 14, item 7).
"""

from __future__ import annotations

import re


class LazyPattern:
    """``re.compile(pattern, flags)``, done the first time the pattern is used."""

    __slots__ = ("_compiled", "_flags", "pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern."""
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self._flags)
        return self._compiled

    def match(self, text: str, pos: int = 0) -> re.Match[str] | None:
        """:meth:`re.Pattern.match`."""
        return self.compiled.match(text, pos)

    def fullmatch(self, text: str) -> re.Match[str] | None:
        """:meth:`re.Pattern.fullmatch`."""
        return self.compiled.fullmatch(text)

    def sub(self, repl: str, text: str) -> str:
        """:meth:`re.Pattern.sub`."""
        return self.compiled.sub(repl, text)
