"""How each client words the failures of ``docker cp`` (mixed into ``dialect.py``'s
dialects as :mod:`dialect_volume`'s words are). Copied from docker 28.2.2 and 20.10.24
against a 20.10 engine and podman 4.3.1 (tests/data, the cp cases)."""

from __future__ import annotations

from dockercli.fake.failure import FakeError

_DAEMON = "Error response from daemon: "


class CpWords:
    """docker 28's."""

    # docker writes a tar member's mode with its type bits and names root; podman neither
    tar_modes_with_type = True
    tar_owner = "root"

    def cp_no_container(self, ref: str, path: str) -> FakeError:
        return FakeError(f"{_DAEMON}No such container: {ref}\n", 1)

    def cp_no_path(self, ref: str, path: str) -> FakeError:
        return FakeError(f"{_DAEMON}Could not find the file {path} in container {ref}\n", 1)

    def cp_not_a_directory(self, ref: str, path: str) -> FakeError:
        return FakeError(f'destination "{ref}:{path}" must be a directory\n', 1)

    def cp_no_host_path(self, path: str) -> FakeError:
        return FakeError(f"lstat {path}: no such file or directory\n", 1)


class Docker20CpWords(CpWords):
    """docker 20.10's client looks the container and the path up in one go."""

    def cp_no_container(self, ref: str, path: str) -> FakeError:
        return FakeError(f"Error: No such container:path: {ref}:{path}\n", 1)

    def cp_no_path(self, ref: str, path: str) -> FakeError:
        return self.cp_no_container(ref, path)


class PodmanCpWords(CpWords):
    """podman 4.3.1."""

    tar_modes_with_type = False
    tar_owner = ""

    def cp_no_container(self, ref: str, path: str) -> FakeError:
        return FakeError(f'Error: container "{ref}" does not exist\n', 125)

    def cp_no_path(self, ref: str, path: str) -> FakeError:
        return FakeError(
            f'Error: "{path}" could not be found on container {ref}: no such file or directory\n',
            125,
        )

    def cp_not_a_directory(self, ref: str, path: str) -> FakeError:
        return FakeError("Error: destination must be a directory when copying from stdin\n", 125)

    def cp_no_host_path(self, path: str) -> FakeError:
        return FakeError(
            f'Error: "{path}" could not be found on the host: no such file or directory\n', 125
        )
