"""The default of every ``timeout`` parameter: "use the client's timeout".

A sentinel rather than None because None already means "no timeout at all".
"""

from __future__ import annotations

from typing import Union

CLIENT_TIMEOUT = object()
Timeout = Union[float, None, object]
