"""How each client words a failed ``rename`` (docker 28 and 20.10 alike: the engine's
message, then the client's own line; podman its own). Copied from tests/data: rename and
the err-rename-* cases."""

from __future__ import annotations

from dockercli.fake.failure import FakeError

_NAME_RULE = "[a-zA-Z0-9][a-zA-Z0-9_.-]"


class RenameWords:
    """docker's."""

    def rename_failed(
        self, ref: str, why: str, *, new: str = "", renamed: str = "", holder: str = ""
    ) -> FakeError:
        """``rename REF NEW`` refused: ``why`` is "missing" (no REF), "same" (NEW is
        REF's name: podman's answer is exit 0), "taken" (NEW is ``holder``'s name) or
        "invalid" (NEW is no name); ``renamed`` is REF's ID."""
        if why == "missing":
            said = f"No such container: {ref}"
        elif why == "same":
            said = "Renaming a container with the same name as its current name"
        elif why == "taken":
            said = (
                f'Error when allocating new name: Conflict. The container name "/{new}" is '
                f'already in use by container "{holder}". You have to remove (or rename) that '
                "container to be able to reuse that name."
            )
        else:
            said = (
                f"Error when allocating new name: Invalid container name (/{new}), "
                f"only {_NAME_RULE} are allowed"
            )
        return FakeError(
            f"Error response from daemon: {said}\nError: failed to rename container named {ref}\n"
        )


class PodmanRenameWords(RenameWords):
    def rename_failed(
        self, ref: str, why: str, *, new: str = "", renamed: str = "", holder: str = ""
    ) -> FakeError:
        if why == "same":
            return FakeError("", 0)  # podman renames a container to its own name silently
        if why == "missing":
            said = f'no container with name or ID "{ref}" found: no such container'
        elif why == "taken":
            said = (
                f"renaming container {renamed}: name {new} already in use, cannot rename "
                f"container {renamed}: container already exists"
            )
        else:
            said = f"names must match {_NAME_RULE}*: invalid argument"
        return FakeError(f"Error: {said}\n", 125)
