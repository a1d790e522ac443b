"""The rest of docker run on the fake and the engine alike: what the engine keeps of each
setting, and the class of what it refuses (nothing left behind either way)."""

from __future__ import annotations

import os
import uuid

import pytest

from dockercli import DockerError, NotFoundError, RunOptions, UsageError
from tests.contract.conftest import Backend

SETTINGS = {
    "dns": ["192.0.2.53"],
    "dns_search": ["example.com"],
    "dns_options": ["ndots:2"],
    "shm_size": "128m",
    "sysctls": {"net.ipv4.ip_forward": "1"},
    "security_opt": ["no-new-privileges"],
    "devices": ["/dev/null:/dev/xnull"],
    "group_add": ["123"],
    "ipc": "shareable",
    "cgroupns": "private",
    "oom_score_adj": 500,
    "pids_limit": 100,
    "memory": "64m",
    "memory_swap": "-1",
    "memory_reservation": "32m",
    "cpu_shares": 512,
    "cpuset_cpus": "0",
    "log_driver": "json-file",
    "log_opts": {"max-size": "10m"},
    "stop_signal": "SIGINT",
    "stop_timeout": 7,
    "expose": [9000],
}
# What docker's engine keeps of SETTINGS, as `inspect` shows it.
KEPT = {
    "Dns": ["192.0.2.53"],
    "DnsSearch": ["example.com"],
    "DnsOptions": ["ndots:2"],
    "ShmSize": 128 << 20,
    "Sysctls": {"net.ipv4.ip_forward": "1"},
    "SecurityOpt": ["no-new-privileges"],
    "Devices": [
        {"PathOnHost": "/dev/null", "PathInContainer": "/dev/xnull", "CgroupPermissions": "rwm"}
    ],
    "GroupAdd": ["123"],
    "IpcMode": "shareable",
    "CgroupnsMode": "private",
    "OomScoreAdj": 500,
    "PidsLimit": 100,
    "Memory": 64 << 20,
    "MemorySwap": -1,
    "MemoryReservation": 32 << 20,
    "CpuShares": 512,
    "CpusetCpus": "0",
    "LogConfig": {"Type": "json-file", "Config": {"max-size": "10m"}},
}


def test_the_engine_keeps_every_setting(backend: Backend, busybox_ref: str) -> None:
    """A container run with DNS, shm, sysctl, security, device, group, namespace, limit,
    logging and stop settings shows each in inspect as docker's engine keeps it."""
    options = RunOptions(image=busybox_ref, command=["sleep", "300"], **SETTINGS)  # type: ignore[arg-type]
    with backend.docker.run(options) as box:
        raw = box.inspect().raw
        assert {key: raw["HostConfig"][key] for key in KEPT} == KEPT
        assert (raw["Config"]["StopSignal"], raw["Config"]["StopTimeout"]) == ("SIGINT", 7)
        assert "9000/tcp" in raw["Config"]["ExposedPorts"]


@pytest.mark.parametrize(
    ("setting", "error", "advice"),
    [
        ({"devices": ["/dev/dcli-contract-nosuch"]}, NotFoundError, "no such device"),
        ({"gpus": "all"}, UsageError, "GPU device driver"),
        ({"runtime": "dcli-contract-nosuch"}, UsageError, "`docker info` lists"),
        ({"cpuset_cpus": str(os.cpu_count() or 1)}, UsageError, ""),
        ({"storage_opt": {"size": "1G"}}, UsageError, "xfs"),
    ],
    ids=["missing-device", "no-gpu", "unknown-runtime", "cpu-not-there", "storage-opt"],
)
def test_a_refused_setting_raises_its_class_and_leaves_nothing(
    backend: Backend,
    busybox_ref: str,
    setting: dict[str, object],
    error: type[DockerError],
    advice: str,
) -> None:
    """A setting the engine refuses at create or at start raises its class, with advice
    where there is some to give, and no container is left."""
    name = f"dcli-contract-refused-{uuid.uuid4().hex[:8]}"
    options = RunOptions(image=busybox_ref, name=name, command=["true"], **setting)  # type: ignore[arg-type]
    with pytest.raises(error) as caught:
        backend.docker.run(options)
    assert advice in caught.value.hint
    assert backend.docker.containers(all=True, filters={"name": name}) == []
