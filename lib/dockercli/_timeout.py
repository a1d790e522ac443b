"""The default of every ``timeout`` parameter: "use the client's timeout".

``timeout=`` always means a call's own limit in seconds; None means no limit, so the
default needs a value of its own. An enum member, so that type checkers narrow
``timeout is CLIENT_TIMEOUT`` without a cast.
"""

from __future__ import annotations

import enum
from typing import Literal, Union


class _Default(enum.Enum):
    CLIENT_TIMEOUT = "the client's timeout"

    def __repr__(self) -> str:
        return "CLIENT_TIMEOUT"


CLIENT_TIMEOUT = _Default.CLIENT_TIMEOUT
Timeout = Union[float, None, Literal[_Default.CLIENT_TIMEOUT]]
