"""How each client speaks of volumes: their list, their inspect shape, and their errors.

Mixed into the dialect objects of ``dialect.py`` as :mod:`dialect_network`'s words are
(``Dialect`` takes :class:`VolumeWords`, docker 20.10 :class:`Docker20VolumeWords`,
podman :class:`PodmanVolumeWords`). Wordings were copied from docker 28.2.2 and 20.10.24
against a 20.10 engine and from podman 4.3.1 (tests/data, the volume cases).
"""

from __future__ import annotations

from dockercli.fake.failure import FakeError

_DAEMON = "Error response from daemon: "


class VolumeWords:
    """docker's (the 20.10 engine's daemon messages, docker 28's client)."""

    volume_root = "/var/lib/docker/volumes"
    volume_filters: tuple[str, ...] = ("dangling", "driver", "label", "name")
    volume_table = "table {{.Driver}}\t{{.Name}}"
    volume_context = "*formatter.volumeContext"
    # docker 28's ls JSON has the cluster-volume fields too (N/A on a local engine)
    lists_volume_cluster_fields = True
    # What the creating client sends for labels and options it was not given: docker 28
    # nothing (the engine prints null), docker 20.10 empty maps ({}), podman {} always.
    volume_sends_empty_maps = False
    # docker answers a create of a taken name with that volume, unchanged; podman refuses
    volume_create_takes_existing = True
    one_character_volume_names = False
    volume_rm_force_prints_missing = True  # docker echoes a missing name --force passed over
    volume_rm_force_removes_containers = False  # podman's does: not modelled

    def no_such_volume(self, ref: str, command: str) -> FakeError:
        """A volume ``ref`` names does not exist (``inspect`` or ``rm``)."""
        return FakeError(f"{_DAEMON}get {ref}: no such volume\n", 1)

    def volume_in_use(self, name: str, container_ids: list[str]) -> FakeError:
        """``volume rm`` of a volume containers (running or not) use."""
        return FakeError(
            f"{_DAEMON}remove {name}: volume is in use - [{' '.join(container_ids)}]\n", 1
        )

    def volume_name_taken(self, name: str) -> FakeError:
        raise NotImplementedError  # docker hands back the volume of that name

    def bad_volume_name(self, name: str) -> FakeError:
        if len(name) < 2:
            return FakeError(
                f"{_DAEMON}create {name}: volume name is too short, names should be at least "
                "two alphanumeric characters\n",
                1,
            )
        return FakeError(
            f'{_DAEMON}create {name}: "{name}" includes invalid characters for a local volume '
            'name, only "[a-zA-Z0-9][a-zA-Z0-9_.-]" are allowed. If you intended to pass a '
            "host directory, use absolute path\n",
            1,
        )

    def no_volume_plugin(self, name: str, driver: str) -> FakeError:
        return FakeError(
            f'{_DAEMON}create {name}: error looking up volume plugin {driver}: plugin "{driver}" '
            "not found\n",
            1,
        )


class Docker20VolumeWords(VolumeWords):
    """docker 20.10's client words a missing volume itself and lists fewer fields."""

    lists_volume_cluster_fields = False
    volume_sends_empty_maps = True
    volume_context = "*formatter.volumeContext"

    def no_such_volume(self, ref: str, command: str) -> FakeError:
        return FakeError(f"Error: No such volume: {ref}\n", 1)


class PodmanVolumeWords(VolumeWords):
    """podman 4.3.1."""

    volume_root = "/var/lib/containers/storage/volumes"
    volume_filters = ("dangling", "driver", "label", "name", "opt", "scope", "until")
    volume_context = ""
    volume_sends_empty_maps = True
    volume_create_takes_existing = False
    one_character_volume_names = True
    volume_rm_force_prints_missing = False
    volume_rm_force_removes_containers = True
    volume_flag_specs = {  # noqa: RUF012 - read-only class data
        "volume create": "d,driver= ignore! l,label* o,opt*",
        "volume ls": "f,filter* format= q,quiet!",
        "volume rm": "a,all! f,force! t,time#",
    }

    def no_such_volume(self, ref: str, command: str) -> FakeError:
        if command == "inspect":
            return FakeError(f"Error: inspecting object: no such volume {ref}\n", 125)
        return FakeError(f'Error: no volume with name "{ref}" found: no such volume\n', 1)

    def volume_in_use(self, name: str, container_ids: list[str]) -> FakeError:
        return FakeError(
            f"Error: volume {name} is being used by the following container(s): "
            f"{', '.join(container_ids)}: volume is being used\n",
            2,
        )

    def volume_name_taken(self, name: str) -> FakeError:
        return FakeError(
            f"Error: volume with name {name} already exists: volume already exists\n", 125
        )

    def bad_volume_name(self, name: str) -> FakeError:
        return FakeError(
            "Error: running volume create option: names must match "
            "[a-zA-Z0-9][a-zA-Z0-9_.-]*: invalid argument\n",
            125,
        )

    def no_volume_plugin(self, name: str, driver: str) -> FakeError:
        return FakeError(
            f"Error: volume {name} uses volume plugin {driver} but it could not be retrieved: "
            f"no volume plugin with name {driver} available: required plugin missing\n",
            125,
        )
