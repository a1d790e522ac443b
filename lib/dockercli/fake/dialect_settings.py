"""How each client speaks of ``run``'s settings past the first day's, and when it refuses.

Mixed into the dialect objects of ``dialect.py`` as the network and volume words are.
Wordings were copied from docker 28.2.2 and 20.10.24 against a 20.10 engine and from
podman 4.3.1 (tests/data: container-inspect-settings and the err-run-* setting cases;
the rest tried by hand on the same clients).
"""

from __future__ import annotations

from dockercli.fake import commands, store
from dockercli.fake.failure import FakeError, NotModelled

# What the engine says; the dialect's run_error wraps it as each client prints it.
_DAEMON_WORDS = {
    "runtime": "Unknown runtime specified {value}",
    "device": 'error gathering device information while adding custom device "{value}": '
    "no such file or directory",
    "gpu": 'could not select device driver "" with capabilities: [[gpu]]',
    "ipc": "Invalid IPC mode: {value}",
    "swap": "Minimum memoryswap limit should be larger than memory limit, see usage",
    "swap-alone": "You should always set the Memory limit when using Memoryswap limit, see usage",
    "storage": "--storage-opt is supported only for overlay over xfs with 'pquota' mount option",
    "log-driver": 'error looking up logging plugin {value}: plugin "{value}" not found',
    "isolation": "Invalid isolation: \"{value}\" - linux only supports 'default'",
    "cpuset": "Requested CPUs are not available - requested {value}, available: {available}",
    "oom": "Invalid value {value}, range for oom score adj is [-1000, 1000]",
    "ip": "user specified IP address is supported on user defined networks only",
    "log-opt": "unknown log opt '{value}' for json-file log driver",
    "join-pid": "No such container: {value}",
    "join-ipc": "No such container: {value}",
}
# What docker's client refuses itself (no "Error response from daemon").
_CLIENT_WORDS = {
    "security-opt": 'Invalid --security-opt: "{value}"',
    "pid": "--pid: invalid PID mode",
    "userns": "--userns: invalid USER mode",
    "cgroupns": "--cgroupns: invalid CGROUP mode",
    "mac": '"specify mac-address per network" requires API version 1.44, but the Docker '
    "daemon API version is 1.41",
}
_PODMAN_WORDS = {
    "runtime": 'default OCI runtime "{value}" not found: invalid argument',
    "device": "stat {value}: no such file or directory",
    "ipc": "unrecognized namespace mode {value} passed",
    "pid": "unrecognized namespace mode {value} passed",
    "userns": "unrecognized namespace mode {value} passed",
    "cgroupns": "unrecognized namespace mode {value} passed",
    "swap": "minimum memoryswap limit should be larger than memory limit, see usage",
    "swap-alone": "you should always set a memory limit when using a memoryswap limit, see usage",
    "storage": "storage option overlay.size and overlay.inodes only supported for backingFS "
    "XFS. Found extfs",
    "log-driver": "running container create option: invalid log driver: invalid argument",
    "security-opt": 'invalid --security-opt 1: "{value}"',
    "cpuset": "requested CPUs are not available - requested {value}, available: {available}",
    "join-pid": "looking up container to share pid namespace with: no container with name or "
    'ID "{value}" found: no such container',
    "join-ipc": "looking up container to share ipc namespace with: no container with name or "
    'ID "{value}" found: no such container',
}
_BLKIO = (
    "Your kernel does not support Block I/O weight or the cgroup is not mounted. Weight discarded."
)


class SettingsWords:
    """docker's (the 20.10 engine's daemon messages, docker 28's client)."""

    # The refusals docker's engine makes only when the container starts (the container
    # is left behind, created); podman makes them all at create.
    settings_refused_at_start: frozenset[str] = frozenset({"device", "gpu", "ipc", "ip"})
    takes_podman_modes = False  # podman: ns:PATH, keep-id, auto...; its own sysctl words
    sysctl_refusal_word = "allowed"  # docker 20.10: "whitelisted"
    # The drivers the fake models (no server behind them); others refused or not modelled
    log_drivers: tuple[str, ...] = ("json-file", "local", "none")
    blkio_warning = f"WARNING: {_BLKIO}\n"
    # docker shows a device's permissions as given, "rwm" when none were; podman ""
    shows_device_perms = True

    def refused_setting(
        self, kind: str, value: str, *, available: str = ""
    ) -> tuple[str, bool] | NotModelled:
        """What the engine or client says of a refused setting, and whether the engine
        said it (else docker's client did); or the fake's own refusal where it cannot
        know what the engine would do."""
        if kind in _DAEMON_WORDS:
            return _DAEMON_WORDS[kind].format(value=value, available=available), True
        if kind in _CLIENT_WORDS:
            return _CLIENT_WORDS[kind].format(value=value), False
        return _not_modelled(kind)

    def podman_refusal(self, kind: str, value: str, *, available: str = "") -> FakeError | None:
        return None  # docker's words go through run_error / start_failed

    def logs_not_kept(self) -> FakeError:
        """``logs`` of a container whose log driver is ``none``."""
        return FakeError(
            "Error response from daemon: configured logging driver does not support reading\n"
        )


class Docker20SettingsWords(SettingsWords):
    sysctl_refusal_word = "whitelisted"

    def refused_setting(
        self, kind: str, value: str, *, available: str = ""
    ) -> tuple[str, bool] | NotModelled:
        if kind in ("mac", "ip"):
            return _not_modelled(kind)  # the 20.10 client lets the engine take both
        return super().refused_setting(kind, value, available=available)


class PodmanSettingsWords(SettingsWords):
    settings_flag_specs = {  # noqa: RUF012 - read-only class data
        "create": commands.RUN_CREATE_PODMAN,
        "run": commands.RUN_CREATE_PODMAN + commands.RUN_ONLY,
    }
    settings_refused_at_start = frozenset()
    takes_podman_modes = True
    log_drivers = ("k8s-file", "none", "json-file")
    blkio_warning = f"{_BLKIO}\n"
    shows_device_perms = False

    def logs_not_kept(self) -> FakeError:
        return FakeError(
            "Error: this container is using the 'none' log driver, cannot read logs: this "
            "container is not logging output\n",
            125,
        )

    def podman_refusal(self, kind: str, value: str, *, available: str = "") -> FakeError | None:
        words = _PODMAN_WORDS.get(kind)
        if words is None:
            return _not_modelled(kind)
        text = f"Error: {words.format(value=value, available=available)}\n"
        if kind == "storage":  # podman logs the storage driver's failure first
            stamp = store.rfc3339(store.now_ns()).split(".")[0].rstrip("Z") + "Z"
            said = text[len("Error: ") : -1]
            text = (
                f'time="{stamp}" level=error msg="[graphdriver] prior storage driver overlay '
                f'failed: {said}"\n{text}'
            )
        return FakeError(text, 125)


_NOT_MODELLED = {
    "gpu": "--gpus: podman 4.3 takes it and ignores it; the fake has no GPUs to give",
    "mac": "--mac-address: the fake gives each container addresses of its own",
    "ip": "--ip: the fake gives each container addresses of its own",
    "ip-user-network": "--ip on a user network: the fake gives each container addresses of its own",
    "log-opt-driver": "--log-opt for a driver other than json-file (podman: other than "
    "max-size): the fake cannot say which options a logging driver takes",
    "oom": "--oom-score-adj outside -1000..1000: podman fails in runc, words the fake lacks",
    "security-opt-file": "--security-opt with a profile: the fake reads no profiles",
    "security-opt-podman": "--security-opt mask, unmask or proc-opts: the fake models no "
    "paths or proc options",
    "log-driver-served": "--log-driver for a driver that needs a server or daemon the fake "
    "cannot know is there",
}


def _not_modelled(kind: str) -> NotModelled:
    return NotModelled(f"fake docker: {_NOT_MODELLED.get(kind, kind)}\n", 125)
