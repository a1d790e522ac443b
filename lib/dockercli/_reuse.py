"""Reuse across runs: ``Docker.run(options, reuse=True)`` finds the container it made before.

The container carries ``dockercli.reuse=<key>``, the key a keyed digest (HMAC-SHA256) of
everything that made it: the command line from ``run`` on and the values its options send
through the environment. The digest's key is a random one kept in this user's cache
(``$XDG_CACHE_HOME/dockercli/reuse.key``, mode 0600), so the label says nothing about a
secret value to anyone who can read labels but not that file; the same options on the same
machine give the same label. A reused container is the user's to keep: it is not removed at
exit, by its ``with`` block or by a reaper, and a cleanup takes it only when asked
(``reused=True``).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from collections.abc import Mapping

from dockercli._argv import Invocation
from dockercli._session import REUSE_LABEL

__all__ = ["REUSE_LABEL", "reuse_key"]
_KEY_BYTES = 32


def reuse_key(made: Invocation, prefix_length: int, client_env: Mapping[str, str]) -> str:
    """The label value for a run: the digest of its command (without the binary and
    global flags) and of the secret values its options carry."""
    secrets = {k: v for k, v in made.env.items() if client_env.get(k) != v}
    payload = json.dumps(
        [list(made.argv[prefix_length:]), sorted(secrets.items()), sorted(made.env_file)]
    )
    return hmac.new(_local_key(), payload.encode(), hashlib.sha256).hexdigest()[:32]


def _local_key() -> bytes:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    path = os.path.join(base, "dockercli", "reuse.key")
    for _ in range(2):
        try:
            with open(path, "rb") as f:
                key = f.read()
            if len(key) == _KEY_BYTES:
                return key
        except FileNotFoundError:
            pass
        os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
        try:  # the first writer wins; a racing one reads what it wrote
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            continue
        with os.fdopen(fd, "wb") as f:
            f.write(os.urandom(_KEY_BYTES))
    with open(path, "rb") as f:
        return f.read()
