"""Concurrency: 8 threads x 10 full lifecycles on the real engine while a delayed cleanup fires."""

from __future__ import annotations

import os
import threading
import urllib.request

from dockercli import Docker, RunOptions

THREADS = 8
LIFECYCLES = 10
DEADLINE = 600.0  # seconds: a deadlock shows as threads still alive after this


def test_threads_share_one_client_without_errors_or_leaks(engine_host: str, web_image: str) -> None:
    """80 concurrent lifecycles on one client finish with zero errors and zero containers left."""
    docker = Docker(host=engine_host, timeout=120)
    prefix = f"dcli-conc-{os.getpid()}-"
    errors: list[BaseException] = []
    served = []

    def worker(n: int) -> None:
        try:
            for i in range(LIFECYCLES):
                opts = RunOptions(
                    image=web_image, name=f"{prefix}{n}-{i}", publish=["127.0.0.1::8080"]
                )
                with docker.run(opts) as web:
                    address = web.wait_for_port(8080, timeout=60)
                    with urllib.request.urlopen(f"http://{address}/", timeout=10) as reply:
                        served.append(reply.status)
                    web.stop(1)
                if i == LIFECYCLES // 2 and n == 0:
                    docker.schedule_cleanup(0.1, prefix=prefix, images=False)
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=worker, args=(n,), daemon=True) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(DEADLINE)
    assert [t for t in threads if t.is_alive()] == []
    assert errors == []
    assert served == [200] * (THREADS * LIFECYCLES)
    assert docker.containers(all=True, filters={"name": prefix}) == []
