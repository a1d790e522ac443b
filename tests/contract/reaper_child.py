"""A client process for the reaper tests (``python reaper_child.py SPEC``).

It makes a network, a volume and a container on both with a reaper, prints ``ready``, then
starts more containers (the test's kill lands while one of them is being made), prints
``done`` and waits for a line on stdin; then it exits normally, its exit hook removing
what it made. SPEC is JSON: binary, host, env, image, prefix, reaper, and optionally
certs (a TLS engine's client certificates directory). The client is a
local of ``main``: it is dropped before the exit hook runs.
"""

from __future__ import annotations

import json
import sys

from dockercli import Docker, NetworkOptions, RunOptions, TLSConfig, VolumeOptions

MORE = 3  # containers made after "ready"


def main() -> None:
    spec = json.loads(sys.argv[1])
    certs = spec.get("certs")
    docker = Docker(
        binary=spec["binary"],
        host=spec["host"],
        env=spec["env"],
        tls=TLSConfig.from_cert_path(certs) if certs else None,
        timeout=120,
        reaper=spec["reaper"],
    )
    prefix, image = spec["prefix"], spec["image"]
    docker.create_network(NetworkOptions(name=f"{prefix}net"))
    docker.create_volume(VolumeOptions(name=f"{prefix}vol"))
    sleep = ("sleep", "300")
    docker.run(
        RunOptions(
            image=image,
            name=f"{prefix}c0",
            command=sleep,
            network=f"{prefix}net",
            volumes=(f"{prefix}vol:/data",),
        )
    )
    print("ready", flush=True)
    for i in range(1, MORE + 1):
        docker.run(RunOptions(image=image, name=f"{prefix}c{i}", command=sleep))
    print("done", flush=True)
    sys.stdin.readline()


if __name__ == "__main__":
    main()
