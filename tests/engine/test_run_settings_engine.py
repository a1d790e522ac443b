"""The rest of docker run through every client (docker 28, docker 20.10, podman): the
settings reach the container, and what the engine refuses comes back as its class with
nothing left behind."""

from __future__ import annotations

import uuid

import pytest

from dockercli import Docker, DockerError, NotFoundError, RunOptions, UsageError


def _settings(image: str) -> RunOptions:
    return RunOptions(
        image=image,
        command=["sleep", "300"],
        dns=["192.0.2.53"],
        dns_search=["example.com"],
        dns_options=["ndots:2"],
        shm_size="128m",
        sysctls={"net.ipv4.ip_forward": "1"},
        security_opt=["no-new-privileges"],
        devices=["/dev/null:/dev/xnull:rw"],
        group_add=["123"],
        oom_score_adj=500,
        pids_limit=100,
        memory="64m",
        memory_swap="128m",
        memory_reservation="32m",
        cpu_shares=512,
        cpuset_cpus="0",
        stop_signal="SIGINT",
        stop_timeout=7,
        log_opts={"max-size": "10m"},
    )


def test_settings_reach_the_container(client: tuple[str, Docker, str]) -> None:
    """DNS, /dev/shm's size, a sysctl, a device, an extra group and the OOM score are what
    the container's own files show, and the limits are what inspect shows."""
    kind, docker, image = client
    with docker.run(_settings(image)) as box:
        resolv = box.exec(["cat", "/etc/resolv.conf"]).stdout
        assert "nameserver 192.0.2.53" in resolv
        assert "search example.com" in resolv
        assert "options ndots:2" in resolv
        assert box.exec(["cat", "/proc/self/oom_score_adj"]).stdout.strip() == "500"
        assert box.exec(["cat", "/proc/sys/net/ipv4/ip_forward"]).stdout.strip() == "1"
        assert "123" in box.exec(["id", "-G"]).stdout.split()
        assert box.exec(["sh", "-c", "test -c /dev/xnull && echo char"]).stdout == "char\n"
        shm = box.exec(["df", "-k", "/dev/shm"]).stdout.splitlines()[-1].split()
        assert shm[1] == str(128 * 1024)
        host = box.inspect().raw["HostConfig"]
        assert (host["Memory"], host["MemorySwap"], host["MemoryReservation"]) == (
            64 << 20,
            128 << 20,
            32 << 20,
        )
        assert (host["CpuShares"], host["CpusetCpus"], host["PidsLimit"]) == (512, "0", 100)
        config = box.inspect().raw["Config"]
        assert config["StopTimeout"] == 7
        assert config["StopSignal"] == (2 if kind == "podman" else "SIGINT")


@pytest.mark.parametrize(
    ("setting", "error"),
    [
        ({"devices": ["/dev/dcli-test-nosuch"]}, NotFoundError),
        ({"runtime": "dcli-test-nosuch"}, UsageError),
    ],
    ids=["missing-device", "unknown-runtime"],
)
def test_a_refused_setting_raises_its_class_and_leaves_nothing(
    client: tuple[str, Docker, str], setting: dict[str, object], error: type[DockerError]
) -> None:
    """A setting the engine refuses (docker's at start, podman's at create) raises its
    class, and the container docker made before its refusal is removed."""
    _, docker, image = client
    name = f"dcli-test-refused-{uuid.uuid4().hex[:8]}"
    with pytest.raises(error):
        docker.run(RunOptions(image=image, name=name, command=["true"], **setting))  # type: ignore[arg-type]
    assert docker.containers(all=True, filters={"name": name}) == []
