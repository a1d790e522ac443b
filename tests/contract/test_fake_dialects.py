"""The parsers read every dialect of the fake: docker 28, docker 20.10 and podman."""

from __future__ import annotations

from pathlib import Path

import pytest

from dockercli import BuildOptions, RunOptions, parsers
from dockercli.testing.fake import DIALECTS, FakeDocker


@pytest.mark.parametrize("dialect", DIALECTS)
def test_parsers_read_each_dialect(dialect: str, tmp_path: Path) -> None:
    """Build output, run -d, port, inspect, ps, images and version of each dialect parse right."""
    fake = FakeDocker(tmp_path / "fake", dialect=dialect)
    docker = fake.client()
    context = tmp_path / "ctx"
    context.mkdir()
    (context / "busybox").write_bytes(b"")
    (context / "Dockerfile").write_text(
        'FROM scratch\nCOPY busybox /bin/busybox\nLABEL d=1\nCMD ["sleep", "300"]\n'
    )
    try:
        built = docker.call(BuildOptions(context=str(context), tags=["dl:1"]))
        image = docker.image("dl:1")
        assert parsers.build_image_id(built.stdout, built.stderr) in (image.id, image.short_id)
        box = docker.run(RunOptions(image="dl:1", publish=[8080]))
        printed = parsers.port_mappings(docker.command("port", box.id).stdout)
        assert {m.host_port for m in printed} == {box.host_port(8080)}
        assert {m.container_port for m in printed} == {8080}
        families = {m.family for m in printed}
        assert families == ({"ipv4"} if dialect == "podman" else {"ipv4", "ipv6"})
        info = docker.inspect_containers([box.id])[0]
        assert (info.id, info.running, info.image_id) == (box.id, True, image.id)
        assert [c.id for c in docker.containers()] == [box.id]
        assert [i.id for i in docker.images(reference="dl")] == [image.id]
        version = docker.version()
        assert version.is_podman is (dialect == "podman")
        box.remove(force=True)
    finally:
        docker.remove_tracked()
        fake.close()
