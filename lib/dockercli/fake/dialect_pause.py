"""How each client speaks of a paused container: ``pause`` and ``unpause`` refused, and
what the other commands say to a paused one (mixed into ``dialect.py``'s dialects as the
network and volume words are). Copied from docker 28.2.2 and 20.10.24 against a 20.10
engine and from podman 4.3.1 (tests/data: pause, unpause, err-pause-*, err-unpause-*,
err-exec-paused, err-rm-paused, stop-paused, kill-paused, ps-paused; the rest tried by
hand on the same clients)."""

from __future__ import annotations

from dockercli.fake.failure import FakeError

_DAEMON = "Error response from daemon: "
_IMPROPER = "container state improper"


class PauseWords:
    """docker's (its engine's words; both clients relay them alike)."""

    # ``ps`` without ``--all`` lists a paused container (docker: it is running)
    lists_paused = True
    # inspect's State.Running of a paused container (podman: false)
    paused_is_running = True
    # ``kill -s SIG`` of a paused container: docker's engine thaws it and the signal acts
    # now; podman leaves it pending until unpause (which the fake does not model)
    signal_waits_for_unpause = False

    def paused_status(self, up: str) -> str:
        """``ps``'s STATUS of a paused container; ``up`` is how long it has run."""
        return f"Up {up} (Paused)"

    def pause_refused(self, cid: str, status: str) -> FakeError:
        """``pause`` of a container that is paused already (``status`` "paused") or not
        running (``status`` its state)."""
        if status == "paused":
            return FakeError(f"{_DAEMON}Container {cid} is already paused\n")
        return FakeError(f"{_DAEMON}Container {cid} is not running\n")

    def unpause_refused(self, cid: str) -> FakeError:
        """``unpause`` of a container that is not paused."""
        return FakeError(f"{_DAEMON}Container {cid} is not paused\n")

    def exec_paused(self, ref: str, cid: str) -> FakeError:
        """``exec`` in a paused container (docker names it as it was given)."""
        return FakeError(f"{_DAEMON}Container {ref} is paused, unpause the container before exec\n")

    def rm_paused(self, cid: str) -> FakeError:
        """``rm`` without ``--force`` of a paused container."""
        return FakeError(
            f"{_DAEMON}You cannot remove a paused container {cid}. Unpause and then stop "
            "the container before attempting removal or force remove\n"
        )

    def stop_paused(self, cid: str) -> FakeError | None:
        """``stop`` of a paused container, or None: docker's engine thaws and stops it."""
        return None

    def start_paused(self, cid: str) -> FakeError:
        """``start`` of a paused container (docker: reported, then its failed list)."""
        return FakeError(f"{_DAEMON}cannot start a paused container, try unpause instead\n")

    def restart_paused(self) -> FakeError | None:
        """``restart`` of a paused container, or None: docker's engine restarts it."""
        return None

    def top_paused(self, cid: str) -> FakeError | None:
        """``top`` of a paused container, or None: docker lists its frozen processes."""
        return None


class PodmanPauseWords(PauseWords):
    """podman 4.3.1: its own sentences, exit 125 (``rm``: 2)."""

    pause_flag_specs = {  # noqa: RUF012 - read-only class data
        "pause": "a,all! cidfile* f,filter* l,latest!",
        "unpause": "a,all! cidfile* f,filter* l,latest!",
    }
    lists_paused = False  # ``ps`` shows running containers only; -a shows "Paused"
    paused_is_running = False
    signal_waits_for_unpause = True

    def paused_status(self, up: str) -> str:
        return "Paused"

    def pause_refused(self, cid: str, status: str) -> FakeError:
        if status == "paused":
            return FakeError(f'Error: "{cid}" is already paused: {_IMPROPER}\n', 125)
        return FakeError(f'Error: "{status}" is not running, can\'t pause: {_IMPROPER}\n', 125)

    def unpause_refused(self, cid: str) -> FakeError:
        return FakeError(f'Error: "{cid}" is not paused, can\'t unpause: {_IMPROPER}\n', 125)

    def exec_paused(self, ref: str, cid: str) -> FakeError:
        return FakeError(
            f"Error: can only create exec sessions on running containers: {_IMPROPER}\n", 255
        )

    def rm_paused(self, cid: str) -> FakeError:
        return FakeError(
            f"Error: cannot remove container {cid} as it is paused - running or paused "
            f"containers cannot be removed without force: {_IMPROPER}\n",
            2,
        )

    def stop_paused(self, cid: str) -> FakeError | None:
        return FakeError(
            f"Error: container {cid} is running or paused, refusing to clean up: {_IMPROPER}\n",
            125,
        )

    def start_paused(self, cid: str) -> FakeError:
        return FakeError(
            f'Error: unable to start container "{cid}": container {cid} must be in Created '
            f"or Stopped state to be started: {_IMPROPER}\n",
            125,
        )

    def restart_paused(self) -> FakeError | None:
        return FakeError(
            f"Error: unable to restart a container in a paused or unknown state: {_IMPROPER}\n",
            125,
        )

    def top_paused(self, cid: str) -> FakeError | None:
        return FakeError("Error: top can only be used on running containers\n", 125)
