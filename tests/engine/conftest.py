"""Engine-test fixtures: a small web image built on the session's busybox image."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from dockercli import BuildOptions
from dockercli._session import SESSION_ID
from dockercli.docker import Docker

WEB_IMAGE = f"dcli-test/web:{SESSION_ID}"
WEB_DOCKERFILE = """\
FROM {base}
RUN mkdir -p /www && echo 'hello from the engine' > /www/index.html
EXPOSE 8080
CMD ["sh", "-c", "echo ready; echo warming >&2; exec httpd -f -v -p 8080 -h /www"]
"""


@pytest.fixture(scope="session")
def web_image(engine_host: str, busybox_image: str) -> Iterator[str]:
    """An image whose container prints 'ready' and serves HTTP on 8080."""
    from tests.conftest import CLIENTS

    docker = Docker(binary=CLIENTS[0], host=engine_host, timeout=300)
    with tempfile.TemporaryDirectory(prefix="dcli-web-") as ctx:
        (Path(ctx) / "Dockerfile").write_text(WEB_DOCKERFILE.format(base=busybox_image))
        docker.build(BuildOptions(context=ctx, tags=[WEB_IMAGE]))
    try:
        yield WEB_IMAGE
    finally:
        docker.remove_image(WEB_IMAGE)  # by tag: another session may share the ID
