"""What each client prints: versions, usage lines and error wordings, per dialect.

Every wording here was copied from a real client (docker 28.2.2, docker 20.10.24 and
podman 4.3.1 against the engines in tests/data); the docker-28 recordings were made
against a 20.10 engine, so daemon messages are the 20.10 engine's in both docker dialects.
"""

from __future__ import annotations

from dockercli.fake import commands, failure, store
from dockercli.fake.clients import DIALECTS, DOCKER20, DOCKER28, PODMAN
from dockercli.fake.dialect_cp import CpWords, Docker20CpWords, PodmanCpWords
from dockercli.fake.dialect_network import (
    Docker20NetworkWords,
    NetworkWords,
    PodmanNetworkWords,
)
from dockercli.fake.dialect_pause import PauseWords, PodmanPauseWords
from dockercli.fake.dialect_rename import PodmanRenameWords, RenameWords
from dockercli.fake.dialect_settings import (
    Docker20SettingsWords,
    PodmanSettingsWords,
    SettingsWords,
)
from dockercli.fake.dialect_tools import Docker20ToolsWords, PodmanToolsWords, ToolsWords
from dockercli.fake.dialect_volume import Docker20VolumeWords, PodmanVolumeWords, VolumeWords
from dockercli.fake.failure import FakeError as FakeError  # noqa: PLC0414 - raised as dialect.FakeError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Protocol

    class Renderer(Protocol):
        """What a dialect family's renderer module provides (render_docker, render_podman)."""

        def container(self, d: Dialect, state: State, c: Container, now: int) -> dict[str, Any]: ...
        def image(self, d: Dialect, state: State, image_id: str) -> dict[str, Any]: ...
        def ps_image(self, d: Dialect, state: State, c: Container, trunc: bool) -> str: ...
        def ps_row(
            self, d: Dialect, state: State, c: Container, now: int, trunc: bool
        ) -> dict[str, Any]: ...
        def ps_json(
            self,
            d: Dialect,
            state: State,
            chosen: list[Container],
            now: int,
            trunc: bool,
        ) -> str: ...
        def images_json(self, d: Dialect, state: State, rows: list[dict[str, Any]]) -> str: ...
        def network_row(self, d: Dialect, net: dict[str, Any], trunc: bool) -> dict[str, Any]: ...
        def networks_json(self, d: Dialect, nets: list[dict[str, Any]], trunc: bool) -> str: ...
        def network(self, d: Dialect, state: State, net: Network) -> dict[str, Any]: ...
        def volume(self, d: Dialect, state: State, vol: Volume) -> dict[str, Any]: ...
        def volume_row(self, d: Dialect, vol: Volume) -> dict[str, Any]: ...
        def volumes_json(self, d: Dialect, state: State, vols: list[Volume]) -> str: ...

    from dockercli.fake.records import Container, Network, State, Volume

_STOP28 = "t,timeout# time# s,signal="
# The global flags (``docker [OPTIONS] COMMAND``) every client takes.
_GLOBAL = (
    "H,host* c,context= tls! tlsverify! tlscacert= tlscert= tlskey= config= l,log-level= D,debug!"
)


class Dialect(
    NetworkWords, VolumeWords, CpWords, SettingsWords, RenameWords, PauseWords, ToolsWords
):
    """How one client says things: its name, version, endpoint and every wording that
    differs between clients. Handlers say what docker does; they ask the dialect how it
    is said. One instance per client (:data:`BY_NAME`); subclasses override.

    Where a method lives: a wording two clients share is written here, once, as the
    default (mostly docker's; podman overrides); one all three word differently raises
    NotImplementedError here and is written in ``_Docker``/``Docker20`` and ``Podman``."""

    name = ""
    binary = "docker"
    version = ""  # the client's version, as ``version`` and ``--version`` print it
    default_host = "unix:///var/run/docker.sock"
    # A command given several references (rm, kill, inspect, rmi ...): docker reports each
    # missing one and goes on with the others; podman stops at the first.
    stops_at_first_missing = False
    # Flag specs (``flags.Spec`` text) where this client's differ from the command table's.
    flag_specs: dict[str, str] = {}  # noqa: RUF012 - read-only class data
    # Flags whose value errors name the long form only (docker 28: ``--time``).
    long_only_labels: frozenset[str] = frozenset()
    # command path -> {flag: pflag's advice}: deprecated flags (docker 28: stop --time)
    deprecated_flags: dict[str, dict[str, str]] = {}  # noqa: RUF012 - read-only class data
    int_parser = "ParseInt"  # the Go function named in a bad integer's error
    global_flags = _GLOBAL + " v,version!"
    commit = "297e128"  # the build ``--version`` names
    # The registry a client names local images after (podman: ``localhost/web:latest``).
    local_registry = ""
    go_1_22 = False  # built with Go 1.22 or later: text/template words some errors anew
    # How lists are shown (render, render_docker, render_podman).
    render_module = "render_docker"
    up_suffix = ""  # after ``Up 5 seconds`` (podman: `` ago``)
    health_starting = " (health: starting)"
    brackets_ipv6 = False  # ``[::]:8080->80/tcp`` in the PORTS column
    ps_has_platform = False  # ``ps --format '{{json .}}'`` has a Platform key
    empty_lists_shown = False  # HostConfig's empty lists print as [] (else null)
    oldest_first = False  # ``ps`` lists the oldest container first
    # commit builds from the image's config plus parts of the container's (libpod), not
    # from the container's whole config (docker's engine)
    commits_from_image_config = False
    diffs_images = False  # ``diff IMAGE`` is podman's too
    top_in_own_pid_namespace = False  # top shows the container's PIDs and numeric UIDs
    # The API version of the client's types (docker's own code branches on it).
    api_types = (1, 41)
    # With no daemon, ``version`` and ``info`` print their client part before the error.
    client_part_when_down = True

    force_ignores_missing = False  # ``rm -f`` of a missing container is silent
    # ``run --network MODE``: the modes that need no user network, and the MODE:OPTIONS kinds
    run_networks: tuple[str, ...] = ("bridge", "host", "none", "default")
    run_network_kinds: tuple[str, ...] = ()
    checks_network_at_create = False  # podman resolves --network when it creates
    prints_id_before_start = True  # ``run -d`` prints the ID even when the start fails
    checks_tail = False  # ``logs --tail`` must be a number (docker takes anything)
    needs_a_terminal = True  # ``exec -it`` refuses a stdin that is not a terminal

    def handler(self, command: commands.Command) -> str:
        """The ``module.function`` that runs ``command`` in this client."""
        return command.handler

    def arity(self, command: commands.Command) -> str:
        """The argument-count rule of ``command`` in this client."""
        return command.arity

    # -- images ----------------------------------------------------------------------

    engine = "dockerd"  # whose rules remove images: dockerd's or podman's (libpod)
    image_id_prefix = "sha256:"  # how ``rmi`` prints a deleted image's ID
    default_tag_note = "Using default tag: latest\n"  # ``pull`` of a name without a tag
    table_spacing = (10, 3)  # tabwriter's minimum width and padding for list tables

    def bad_tag(self, target: str, problem: str) -> FakeError:
        """``tag SOURCE TARGET`` with an invalid TARGET."""
        return FakeError(
            f'Error parsing reference: "{target}" is not a valid repository/tag: {problem}\n'
        )

    def bad_reference(self, problem: str) -> FakeError:
        """``pull`` of an invalid reference."""
        return FakeError(problem + "\n")

    def rmi_bad_reference(self, problem: str) -> str:
        """``rmi``'s line for an invalid reference (it goes on with the others)."""
        return daemon(problem + "\n")

    def offline_pull(self, shown: str) -> FakeError:
        """``pull``: no registry is reachable from the fake."""
        return FakeError(daemon(OFFLINE_PULL + "\n"))

    # -- containers ------------------------------------------------------------------

    def bad_signal(self, name: str) -> FakeError:
        """``kill -s NAME`` of a signal that does not exist."""
        return FakeError(daemon(f"Invalid signal: {name}\n"))

    def kill_not_running(self, ref: str, cid: str, status: str) -> FakeError:
        """``kill`` of a container that is not running."""
        return FakeError(daemon(f"Cannot kill container: {ref}: Container {cid} is not running\n"))

    def rm_running(self, cid: str) -> FakeError:
        """``rm`` without ``--force`` of a running container."""
        return FakeError(
            daemon(
                f"You cannot remove a running container {cid}. Stop the container before "
                "attempting removal or force remove\n"
            )
        )

    def exec_not_running(self, cid: str) -> FakeError:
        """``exec`` in a container that is not running."""
        return FakeError(daemon(f"Container {cid} is not running\n"))

    # -- run, create, start ------------------------------------------------------------

    def bad_pull_policy(self, typed: str, pull: str) -> FakeError | None:
        """``--pull POLICY`` that is not always/missing/never, or None when accepted."""
        return self.run_error(
            typed, f'invalid pull option: \'{pull}\': must be one of "always", "missing" or "never"'
        )

    def bad_cpus(self, cpus: str) -> str:
        """Why ``--cpus`` is not a number."""
        return f"failed to parse {cpus} as a rational number"

    def pulling(self, shown: str) -> str:
        """What ``run`` prints before it pulls an image it does not have."""
        return f"Unable to find image '{shown}' locally\n"

    def pull_failed(self, typed: str, shown: str) -> FakeError:
        """The pull of ``run`` failed (nothing is reachable)."""
        return self.run_error(typed, daemon(OFFLINE_PULL), daemon=True)

    def no_image_to_run(self, typed: str, ref: str, shown: str) -> FakeError:
        """``run --pull never`` of an image that is not there."""
        return self.run_error(typed, daemon(f"No such image: {shown}"), daemon=True)

    def name_in_use(self, typed: str, name: str, other: str) -> FakeError:
        """``--name`` of a container that exists."""
        return self.run_error(
            typed,
            daemon(
                f'Conflict. The container name "/{name}" is already in use by container '
                f'"{other}". You have to remove (or rename) that container '
                "to be able to reuse that name."
            ),
            daemon=True,
        )

    def no_command(self, typed: str) -> FakeError:
        """Neither the command line nor the image gives a command."""
        return self.run_error(typed, daemon("No command specified"), daemon=True)

    def network_not_found(self, mode: str) -> str:
        """The engine's words for ``--network`` of a network that does not exist."""
        return f"network {mode} not found"

    def share_missing(self, ref: str) -> str:
        """``--network container:REF`` of a container that does not exist."""
        return f"No such container: {ref}"

    def share_stopped(self, cid: str) -> str:
        """``--network container:REF`` of a container that is not running."""
        return f"cannot join network of a non running container: {cid}"

    def start_failed(self, path: str, typed: str, message: str, *, wait_line: str) -> FakeError:
        """The engine refused to start a container, as ``start`` or ``run`` reports it
        (``wait_line``: docker 20.10's complaint of an attached run)."""
        text = daemon(message)
        if path == "start":
            return FakeError(text + "\n", 1)
        return self.run_error(typed, text)

    def runtime_failed(
        self, path: str, typed: str, message: str, code: int, *, wait_line: str
    ) -> FakeError:
        """The runtime could not exec the container's program (exit 126 or 127)."""
        shim = f"failed to create shim task: OCI runtime create failed: {message}: unknown"
        error = self.start_failed(path, typed, shim, wait_line=wait_line)
        if path != "start":
            error.code = code
        return error

    def publish_failed(self, path: str, typed: str, exc: FakeError) -> FakeError:
        """Publishing a port failed while starting (``exc`` is the engine's error)."""
        text = daemon(exc.stderr)
        if path == "start":
            return FakeError(text + "\n")
        return self.run_error(typed, text)

    filter_needs_equals = True  # a ``--filter`` without ``=`` is a flag error

    def bad_filter(self, key: str, sentence: str) -> FakeError:
        """A ``--filter`` key the command does not know (``sentence``: the command's own
        wording, ``{}`` for the key, where the client has one)."""
        return FakeError(daemon(f"Invalid filter '{key}'\n"))

    # -- inspect -------------------------------------------------------------------------

    inspect_types: tuple[str, ...] = (
        "config",
        "container",
        "image",
        "network",
        "node",
        "plugin",
        "secret",
        "service",
        "task",
        "volume",
    )
    inspect_indent = "    "
    inspect_template_name = ""  # the name Go's template errors give the --format template
    inspect_line_for_nothing = True  # ``--format`` with nothing found prints an empty line

    def bad_inspect_type(self, kind: str) -> FakeError:
        """``inspect --type KIND`` of a kind the client does not know."""
        kinds = ", ".join(f'"{t}"' for t in self.inspect_types)
        return FakeError(f'unknown type: "{kind}": must be one of {kinds}\n')

    def inspect_failed(self, errors: list[str]) -> FakeError:
        """``inspect`` found nothing for some references (each error's line, in order)."""
        return FakeError("".join(errors), 1)

    def bad_port_query(self, number: str) -> FakeError | None:
        """``port CONTAINER NUMBER`` with a number the client refuses, or None."""
        return None

    def port_lines(self, bindings: list[tuple[str, str, str]], *, one_port: bool) -> list[str]:
        """``port``'s lines for (container port, host ip, host port) bindings, sorted by
        container port: ``80/tcp -> 0.0.0.0:8080`` (only the address for one port)."""
        return [self._port_line(k, ip, port, one_port) for k, ip, port in bindings]

    def _port_line(self, key: str, ip: str, port: str, one_port: bool) -> str:
        addr = f"[{ip}]:{port}" if (":" in ip and self.brackets_ipv6) else f"{ip}:{port}"
        return addr if one_port else f"{key} -> {addr}"

    def no_public_port(self, query: str, key: str, ref: str) -> FakeError | None:
        """``port CONTAINER PORT`` of a running container that does not publish PORT."""
        return FakeError(f"Error: No public port '{key}' published for {ref}\n")

    @property
    def render(self) -> Renderer:
        """The module that renders this client's inspect documents and list rows."""
        return __import__(f"dockercli.fake.{self.render_module}", fromlist=("_",))

    # The addresses a ``-p PORT`` binding without an IP ends up on (v4 and v6 for docker).
    bind_families: tuple[str, ...] = ("0.0.0.0", "::")  # noqa: S104 - shown, never bound
    # ``-p`` errors by part (the caller wraps them as run's option errors).
    _publish_errors: dict[str, str] = {  # noqa: RUF012 - read-only class data
        "ip": "invalid IP address: {}",
        "proto": "invalid proto: {}",
        "container": "invalid containerPort: {}",
        "host": "invalid hostPort: {}",
    }

    def bad_publish(self, part: str, value: str) -> FakeError:
        """A ``-p`` spec whose ``part`` (ip, proto, container or host port) is ``value``."""
        return FakeError(self._publish_errors[part].format(value))

    def port_taken(
        self, name: str, endpoint: str, ip: str, port: int, *, allocated: bool
    ) -> FakeError:
        """Starting container ``name`` failed: its host port is taken (by another
        container when ``allocated``, else by some other process)."""
        why = (
            f"Bind for {ip}:{port} failed: port is already allocated"
            if allocated
            else f"Error starting userland proxy: listen tcp4 {ip}:{port}: "
            "bind: address already in use"
        )
        return FakeError(
            f"driver failed programming external connectivity on endpoint {name} "
            f"({endpoint}): {why}"
        )

    def lowercase_reference(self, text: str, detail: str) -> str:
        """The invalid-reference message for an upper-case name; ``detail`` names the
        repository (docker 28's wording)."""
        return text

    def version_line(self) -> str:
        """What ``--version`` prints."""
        return f"Docker version {self.version}, build {self.commit}\n"

    def endpoint(self, gopts: dict[str, Any]) -> str:
        """The engine address from the global flags and the environment, or the client's
        error for a context or connection that does not exist."""
        raise NotImplementedError

    def said(self, typed: str) -> str:
        """The path the client names in its messages for the command typed as ``typed``."""
        return _command(typed).shown(typed)

    def see_help(self, said: str) -> str:
        """The ``--help`` pointer after a flag error."""
        raise NotImplementedError

    def flag_error(self, typed: str, message: str) -> FakeError:
        """A flag parsing error (unknown flag, bad value, missing value) of the command
        typed as ``typed``: exit 125."""
        raise NotImplementedError

    def unknown_flag(self, typed: str, token: str) -> FakeError:
        """``unknown flag: --x`` / ``unknown shorthand flag: 'x' in -x``."""
        if token.startswith("--"):
            return self.flag_error(typed, f"unknown flag: {token.split('=', 1)[0]}")
        return self.flag_error(typed, token)

    def arg_count(self, typed: str, got: int) -> FakeError | None:
        """The error for a wrong number of positional arguments, or None when it is fine."""
        command = _command(typed)
        rule = self.arity(command)
        if rule == "*":
            return None
        low, high = _bounds(rule)
        if low <= got <= high:
            return None
        return self._arg_count_error(command, self.said(typed), rule, got)

    def _arg_count_error(
        self, command: commands.Command, said: str, rule: str, got: int
    ) -> FakeError:
        raise NotImplementedError

    def unknown_command(self, words: list[str]) -> FakeError:
        """A command this client does not have; ``words`` are two for a group's verb
        (``container remove`` on docker 20.10)."""
        raise NotImplementedError

    def run_error(self, path: str, message: str, *, daemon: bool = False) -> FakeError:
        """An error of ``run``/``create`` option handling, or a daemon error of ``run``."""
        raise NotImplementedError

    def no_such_container(self, ref: str, command: str) -> FakeError:
        """The not-found error of each command (their wordings differ in docker 20.10)."""
        raise NotImplementedError

    def no_such_image(self, ref: str, command: str) -> FakeError:
        """The image not-found error of rmi, tag and image inspect."""
        raise NotImplementedError

    def no_such_object(self, ref: str) -> FakeError:
        """``inspect`` without ``--type`` found nothing of that name."""
        return FakeError(f"Error: No such object: {ref}\n")

    def daemon_down(self, host: str) -> FakeError:
        """The client's message when nothing answers at ``host``."""
        return FakeError(
            f"Cannot connect to the Docker daemon at {host}. Is the docker daemon running?\n"
        )

    def build_notice(self) -> str:
        """What the client prints on stderr before every legacy build."""
        return ""

    def template_error(self, path: str, exc: Exception) -> FakeError:
        """How a client reports a bad ``--format`` template (``ps`` and ``images`` tell a
        failed execution from a parse error)."""
        parse = bool(getattr(exc, "parse", False))
        if path in ("ps", "images") and not parse:
            return FakeError(f"failed to execute template: {exc}\n", 1)
        return FakeError(f"template parsing error: {exc}\n", 64 if parse else 1)

    def context_missing(self, name: str) -> str:
        """How a client says a context does not exist."""
        return f'context "{name}" does not exist'

    def prints_json(self, fmt: object) -> bool:
        """Whether ``--format fmt`` means "print JSON" beyond docker's own ``json``
        keyword (podman: also ``{{json .}}``)."""
        return False


class _Docker(Dialect):
    """What the docker clients (28 and 20.10) share."""

    context_error_prefix = ""  # docker 28: "Failed to initialize: "

    def endpoint(self, gopts: dict[str, Any]) -> str:
        hosts = gopts.get("host") or []
        context = gopts.get("context")
        if hosts and context:
            raise FakeError("Conflicting options: either specify --host or --context, not both\n")
        if hosts:
            return str(hosts[-1])
        context = context or store.getenv("DOCKER_CONTEXT") or ""
        if context and context != "default":
            raise FakeError(
                f"{self.context_error_prefix}unable to resolve docker endpoint: "
                f"{self.context_missing(context)}\n"
            )
        return store.getenv("DOCKER_HOST") or self.default_host

    def see_help(self, said: str) -> str:
        return f"Run '{_cmd('docker', said)} --help' for more information"

    def flag_error(self, typed: str, message: str) -> FakeError:
        said = self.said(typed)
        line = _command(typed).usage_line(said)
        return FakeError(f"{message}\n\nUsage:  {line}\n\n{self.see_help(said)}\n", 125)

    def _arg_count_error(
        self, command: commands.Command, said: str, rule: str, got: int
    ) -> FakeError:
        text, see = self._count_text(said, rule)
        return FakeError(
            f"docker: {text}\n\nUsage:  {command.usage_line(said)}\n\n"
            f"{see} 'docker {said} --help' for more information\n",
            1,
        )

    def _count_text(self, said: str, rule: str) -> tuple[str, str]:
        low, high = _bounds(rule)
        if rule.startswith("="):
            if low == 0:
                return f"'docker {said}' accepts no arguments", "Run"
            return f"'docker {said}' requires {low} {_noun(low)}", "Run"
        if rule.startswith(">"):
            return f"'docker {said}' requires at least {low} {_noun(low)}", "See"
        if rule.startswith("<"):
            return f"'docker {said}' requires at most {high} {_noun(high)}", "Run"
        return f"'docker {said}' requires at least {low} and at most {high} arguments", "Run"

    def unknown_command(self, words: list[str]) -> FakeError:
        typed = " ".join(words)
        group = " ".join(words[:-1])
        usage = f"\nUsage:  docker {group}\n" if group else ""
        return FakeError(
            f"docker: unknown command: docker {typed}\n{usage}\n"
            f"Run '{_cmd('docker', group)} --help' for more information\n"
        )

    def run_error(self, path: str, message: str, *, daemon: bool = False) -> FakeError:
        if daemon and path == "create":
            return FakeError(f"{message}\n", 1)
        return FakeError(
            f"docker: {message}\n\nRun 'docker {path} --help' for more information\n", 125
        )

    def no_such_container(self, ref: str, command: str) -> FakeError:
        if command == "kill":
            return FakeError(daemon(f"Cannot kill container: {ref}: No such container: {ref}\n"))
        return FakeError(daemon(f"No such container: {ref}\n"))

    def no_such_image(self, ref: str, command: str) -> FakeError:
        full = _full_ref(ref)
        if command == "inspect":
            return FakeError(daemon(f"no such image: {ref}: No such image: {full}\n"))
        return FakeError(daemon(f"No such image: {full}\n"))


class Docker28(_Docker):
    """docker 28.2.2 (the recordings were made against a 20.10 engine)."""

    name = DOCKER28
    version = "28.2.2"
    # docker 28 renamed ``stop -t`` to ``--timeout`` (``--time`` stays, deprecated).
    flag_specs = {  # noqa: RUF012 - read-only class data
        "stop": _STOP28,
        "restart": _STOP28,
        "network rm": "f,force!",
        "network create": commands.BY_TYPED["network create"].flags + " ipv4!",
    }
    long_only_labels = frozenset({"time"})
    deprecated_flags = {  # noqa: RUF012 - read-only class data
        "stop": {"time": "use --timeout instead"},
        "restart": {"time": "use --timeout instead"},
    }
    lists_network_ipv4 = True
    rm_status_line = "exit status 1\n"
    refuses_bridge_alias = True
    api_types = (1, 50)
    brackets_ipv6 = True
    ps_has_platform = True
    empty_lists_shown = True
    go_1_22 = True

    def lowercase_reference(self, text: str, detail: str) -> str:
        return detail

    def port_lines(self, bindings: list[tuple[str, str, str]], *, one_port: bool) -> list[str]:
        return sorted(super().port_lines(bindings, one_port=one_port), key=_natural)

    def no_public_port(self, query: str, key: str, ref: str) -> FakeError | None:
        return FakeError(f"Error: No public port '{query}' published for {ref}\n")

    commit = "e6534b4"
    context_error_prefix = "Failed to initialize: "

    def build_notice(self) -> str:
        if store.getenv("DOCKER_BUILDKIT") == "0":
            return _DEPRECATED + _BUILDKIT_OFF
        return (
            _DEPRECATED
            + "            Install the buildx component to build images with BuildKit:\n"
            "            https://docs.docker.com/go/buildx/\n\n"
        )

    def context_missing(self, name: str) -> str:
        """docker 28 names the context's meta file."""
        from hashlib import sha256  # noqa: PLC0415 - only this wording needs it

        config = store.getenv("DOCKER_CONFIG") or store.join(
            store.getenv("HOME") or "/root", ".docker"
        )
        digest = sha256(name.encode()).hexdigest()
        meta = store.join(config, "contexts", "meta", digest, "meta.json")
        return f'context "{name}": context not found: open {meta}: no such file or directory'


class Docker20(
    Docker20NetworkWords,
    Docker20VolumeWords,
    Docker20CpWords,
    Docker20SettingsWords,
    Docker20ToolsWords,
    _Docker,
):
    """docker 20.10.24: shorter flag errors, its own argument-count sentences, and
    client-side not-found errors for several commands."""

    name = DOCKER20
    version = "20.10.24+dfsg1"
    flag_specs = dict(Docker20ToolsWords.tools_flag_specs)  # noqa: RUF012 - read-only class data

    bind_families = ("::", "0.0.0.0")  # noqa: S104 - shown, never bound
    _publish_errors = {  # noqa: RUF012 - read-only class data
        "ip": "Invalid ip address: {}",
        "proto": "Invalid proto: {}",
        "container": "Invalid containerPort: {}",
        "host": "Invalid hostPort: {}",
    }

    def flag_error(self, typed: str, message: str) -> FakeError:
        said = self.said(typed)
        return FakeError(f"{message}\nSee '{_cmd('docker', said)} --help'.\n", 125)

    def bad_inspect_type(self, kind: str) -> FakeError:
        return FakeError(f'"{kind}" is not a valid value for --type\n')

    def bad_pull_policy(self, typed: str, pull: str) -> FakeError | None:
        return None  # 20.10 passes any policy on and pulls as "missing"

    def start_failed(self, path: str, typed: str, message: str, *, wait_line: str) -> FakeError:
        if path == "start":
            return super().start_failed(path, typed, message, wait_line=wait_line)
        return FakeError(f"docker: {daemon(message)}.\n" + wait_line, 125)

    def port_lines(self, bindings: list[tuple[str, str, str]], *, one_port: bool) -> list[str]:
        # the 20.10 engine lists a port's IPv6 binding first; the client keeps that order
        ordered = sorted(bindings, key=lambda b: (_port_key(b[0]), ":" not in b[1]))
        return super().port_lines(ordered, one_port=one_port)

    def _arg_count_error(
        self, command: commands.Command, said: str, rule: str, got: int
    ) -> FakeError:
        low, high = _bounds(rule)
        if rule.startswith("="):
            text = (
                f'"docker {said}" accepts no arguments.'
                if low == 0
                else f'"docker {said}" requires exactly {low} {_noun(low)}.'
            )
        elif rule.startswith(">"):
            text = f'"docker {said}" requires at least {low} {_noun(low)}.'
        elif rule.startswith("<"):
            text = f'"docker {said}" requires at most {high} {_noun(high)}.'
        else:
            text = f'"docker {said}" requires at least {low} and at most {high} arguments.'
        line = command.usage_line(said)
        return FakeError(
            f"{text}\nSee 'docker {said} --help'.\n\nUsage:  {line}\n\n{command.about}\n", 1
        )

    def unknown_command(self, words: list[str]) -> FakeError:
        typed = " ".join(words)
        group = " ".join(words[:-1])
        if group:
            return not_modelled(
                f"'docker {typed}' (docker 20.10 has no such command and prints the help of"
                f" 'docker {group}', exit 1)"
            )
        return FakeError(f"docker: '{typed}' is not a docker command.\nSee 'docker --help'\n")

    def run_error(self, path: str, message: str, *, daemon: bool = False) -> FakeError:
        if daemon and path == "create":
            return FakeError(f"{message}\n", 1)
        return FakeError(f"docker: {message.rstrip('.')}.\nSee 'docker {path} --help'.\n", 125)

    def no_such_container(self, ref: str, command: str) -> FakeError:
        if command in ("logs", "rm", "port", "exec", "inspect-container"):
            return FakeError(f"Error: No such container: {ref}\n")
        return super().no_such_container(ref, command)

    def no_such_image(self, ref: str, command: str) -> FakeError:
        if command in ("inspect", "rmi"):
            return FakeError(f"Error: No such image: {ref}\n")
        return super().no_such_image(ref, command)


class Podman(
    PodmanNetworkWords,
    PodmanVolumeWords,
    PodmanCpWords,
    PodmanSettingsWords,
    PodmanRenameWords,
    PodmanPauseWords,
    PodmanToolsWords,
    Dialect,
):
    """podman 4.3.1: ``Error: `` prefixes, exit 125, and it repeats what was typed."""

    name = PODMAN
    binary = "podman"
    version = "4.3.1"
    default_host = "unix:///run/podman/podman.sock"
    stops_at_first_missing = True
    flag_specs = {  # noqa: RUF012 - read-only class data
        **PodmanNetworkWords.network_flag_specs,
        **PodmanVolumeWords.volume_flag_specs,
        **PodmanSettingsWords.settings_flag_specs,
        **PodmanPauseWords.pause_flag_specs,
        **PodmanToolsWords.tools_flag_specs,
        "rm": "f,force! v,volumes! l,link! t,time#",  # --time: how long --force waits
    }
    int_parser = "ParseUint"
    local_registry = "localhost"
    client_part_when_down = False
    render_module = "render_podman"
    up_suffix = " ago"
    health_starting = " (starting)"
    commits_from_image_config = True
    diffs_images = True
    top_in_own_pid_namespace = True
    oldest_first = True
    bind_families = ("",)

    def bad_publish(self, part: str, value: str) -> FakeError:
        atoi = f'invalid port number: strconv.Atoi: parsing "{value}": invalid syntax'
        if part == "ip":
            return FakeError(f'cannot parse "{value}" as an IP address')
        if part == "proto":
            return FakeError(f'invalid protocol "{value}"')
        if part == "container":
            return FakeError(f"parsing container port: {atoi}")
        if value.isdigit():
            return FakeError(
                "parsing host port: port numbers must be between 1 and 65535 (inclusive), "
                f"got {value}"
            )
        return FakeError(f"parsing host port: {atoi}")

    def port_taken(
        self, name: str, endpoint: str, ip: str, port: int, *, allocated: bool
    ) -> FakeError:
        return FakeError(
            "Error: cannot listen on the TCP port: "
            f"listen tcp4 {'' if ip == '0.0.0.0' else ip}:{port}: bind: address already in use\n",  # noqa: S104
            126,
        )

    def lowercase_reference(self, text: str, detail: str) -> str:
        return "repository name must be lowercase"

    global_flags = _GLOBAL + " url= connection= r,remote! identity= root= runroot= storage-driver="

    def endpoint(self, gopts: dict[str, Any]) -> str:
        hosts = [gopts["url"]] if gopts.get("url") else gopts.get("host") or []
        context = gopts.get("context") or gopts.get("connection")
        if context:
            raise FakeError(
                f'Error: failed to resolve active destination: "{context}" '
                "service destination not found\n",
                125,
            )
        return str(hosts[-1] if hosts else store.getenv("CONTAINER_HOST") or self.default_host)

    def said(self, typed: str) -> str:
        return typed

    force_ignores_missing = True
    run_networks = ("bridge", "host", "none", "default", "podman", "private", "slirp4netns")
    run_network_kinds = (*run_networks, "ns")
    checks_network_at_create = True
    prints_id_before_start = False
    inspect_types = ("image", "container", "pod", "network", "volume", "all")

    filter_needs_equals = False

    def bad_filter(self, key: str, sentence: str) -> FakeError:
        return FakeError((sentence or "Error: {} is an invalid filter").format(key) + "\n", 125)

    inspect_indent = "     "
    inspect_template_name = "inspect"
    inspect_line_for_nothing = False

    def bad_inspect_type(self, kind: str) -> FakeError:
        return FakeError(
            f'Error: invalid type "{kind}": must be "image", "container", "pod", "network", '
            '"volume", or "all"\n',
            125,
        )

    def inspect_failed(self, errors: list[str]) -> FakeError:
        earlier = "".join("error " + e[len("Error: ") :] for e in errors[:-1])
        return FakeError(earlier + errors[-1], 125)

    checks_tail = True
    needs_a_terminal = False

    engine = "libpod"
    image_id_prefix = ""
    default_tag_note = ""
    table_spacing = (12, 2)

    def handler(self, command: commands.Command) -> str:
        return command.podman_handler or command.handler

    def arity(self, command: commands.Command) -> str:
        return command.podman_arity or command.arity

    def bad_tag(self, target: str, problem: str) -> FakeError:
        return FakeError(f"Error: {problem}\n", 125)

    def bad_reference(self, problem: str) -> FakeError:
        return FakeError(f"Error: {problem}\n", 125)

    def rmi_bad_reference(self, problem: str) -> str:
        return f"Error: {problem}\n"

    def offline_pull(self, shown: str) -> FakeError:
        return FakeError(
            f'Error: short-name "{shown}" did not resolve to an alias and no unqualified-search '
            'registries are defined in "/etc/containers/registries.conf"\n',
            125,
        )

    def bad_signal(self, name: str) -> FakeError:
        return FakeError(f"Error: invalid signal: {name}\n", 125)

    def bad_pull_policy(self, typed: str, pull: str) -> FakeError | None:
        return FakeError(f'Error: unsupported pull policy "{pull}"\n', 125)

    def bad_cpus(self, cpus: str) -> str:
        return f'strconv.ParseFloat: parsing "{cpus}": invalid syntax'

    def pulling(self, shown: str) -> str:
        return ""

    def pull_failed(self, typed: str, shown: str) -> FakeError:
        return self.offline_pull(shown)

    def no_image_to_run(self, typed: str, ref: str, shown: str) -> FakeError:
        return FakeError(f"Error: {ref}: image not known\n", 125)

    def name_in_use(self, typed: str, name: str, other: str) -> FakeError:
        return FakeError(
            f'Error: creating container storage: the container name "{name}" is already in use '
            f"by {other}. You have to remove that container to be able to reuse that "
            "name: that name is already in use\n",
            125,
        )

    def no_command(self, typed: str) -> FakeError:
        return FakeError(
            "Error: no command or entrypoint provided, and no CMD or ENTRYPOINT from image\n", 125
        )

    def network_not_found(self, mode: str) -> str:
        return f"unable to find network with name or ID {mode}: network not found"

    def share_missing(self, ref: str) -> str:
        return (
            "looking up container to share net namespace with: "
            f'no container with name or ID "{ref}" found: no such container'
        )

    def share_stopped(self, cid: str) -> str:
        return f"cannot get namespace path unless container {cid} is running: container is stopped"

    def start_failed(self, path: str, typed: str, message: str, *, wait_line: str) -> FakeError:
        code = 126 if message.startswith("cannot get namespace") else 125
        return FakeError(f"Error: {message}\n", code)

    def runtime_failed(
        self, path: str, typed: str, message: str, code: int, *, wait_line: str
    ) -> FakeError:
        tail = (
            "OCI permission denied"
            if code == 126
            else "OCI runtime attempted to invoke a command that was not found"
        )
        return FakeError(f"Error: runc: {message}: {tail}\n", code)

    def publish_failed(self, path: str, typed: str, exc: FakeError) -> FakeError:
        return exc

    def kill_not_running(self, ref: str, cid: str, status: str) -> FakeError:
        return FakeError(
            f"Error: can only kill running containers. {cid} is in state "
            f"{status}: container state improper\n",
            125,
        )

    def rm_running(self, cid: str) -> FakeError:
        return FakeError(
            f"Error: cannot remove container {cid} as it is running - running or paused "
            "containers cannot be removed without force: container state improper\n",
            2,
        )

    def exec_not_running(self, cid: str) -> FakeError:
        return FakeError(
            "Error: can only create exec sessions on running containers: "
            "container state improper\n",
            255,  # podman 4.3 exits 255 here, not its usual 125 (recorded)
        )

    def bad_port_query(self, number: str) -> FakeError | None:
        if number.isdigit() and int(number) <= 65535:
            return None
        return FakeError(f'Error: strconv.ParseUint: parsing "{number}": value out of range\n', 125)

    def port_lines(self, bindings: list[tuple[str, str, str]], *, one_port: bool) -> list[str]:
        lines = super().port_lines(bindings, one_port=one_port)
        if one_port:
            return lines
        return sorted(lines, key=lambda ln: (":::" in ln or "[" in ln, _port_key(ln.split(" ")[0])))

    def no_public_port(self, query: str, key: str, ref: str) -> FakeError | None:
        return None

    def see_help(self, said: str) -> str:
        return f"See '{_cmd('podman', said)} --help'"

    def flag_error(self, typed: str, message: str) -> FakeError:
        return FakeError(f"Error: {message}\n{self.see_help(self.said(typed))}\n", 125)

    def arg_count(self, typed: str, got: int) -> FakeError | None:
        command = _command(typed)
        rule = self.arity(command)
        if got == 0 and command.podman_no_args and rule != "*" and not rule.startswith("<"):
            return FakeError(f"Error: {command.podman_no_args}\n", 125)
        return super().arg_count(typed, got)

    def _arg_count_error(
        self, command: commands.Command, said: str, rule: str, got: int
    ) -> FakeError:
        low, high = _bounds(rule)
        if rule == "=0":
            text = f"`podman {said}` takes no arguments"
        elif rule.startswith("="):
            text = f"accepts {low} arg(s), received {got}"
        elif rule.startswith(">"):
            text = f"requires at least {low} arg(s), only received {got}"
        elif rule.startswith("<"):
            text = f"accepts at most {high} arg(s), received {got}"
        else:
            text = f"accepts between {low} and {high} arg(s), received {got}"
        return FakeError(f"Error: {text}\n", 125)

    def unknown_command(self, words: list[str]) -> FakeError:
        typed = " ".join(words)
        group = " ".join(words[:-1])
        return FakeError(
            f"Error: unrecognized command `podman {typed}`\n"
            f"Try '{_cmd('podman', group)} --help' for more information\n",
            125,
        )

    def run_error(self, path: str, message: str, *, daemon: bool = False) -> FakeError:
        return FakeError(f"Error: {message}\n", 125)

    def no_such_container(self, ref: str, command: str) -> FakeError:
        if command == "inspect-container":
            return FakeError(f"Error: inspecting object: no such container {ref}\n", 125)
        code = 1 if command == "rm" else 125
        return FakeError(
            f'Error: no container with name or ID "{ref}" found: no such container\n', code
        )

    def no_such_image(self, ref: str, command: str) -> FakeError:
        if command == "inspect":
            return FakeError(f"Error: inspecting object: {ref}: image not known\n", 125)
        return FakeError(f"Error: {ref}: image not known\n", 1 if command == "rmi" else 125)

    def no_such_object(self, ref: str) -> FakeError:
        return FakeError(f'Error: inspecting object: no such object: "{ref}"\n', 125)

    def daemon_down(self, host: str) -> FakeError:
        if host.startswith("unix://"):
            dial = f"dial unix {host[len('unix://') :]}: connect: no such file or directory"
        else:
            dial = f"dial tcp {host.split('://', 1)[-1]}: connect: connection refused"
        return FakeError(
            "Cannot connect to Podman. Please verify your connection to the Linux system using "
            "`podman system connection list`, or try `podman machine init` and "
            "`podman machine start` to manage a new Linux VM\n"
            "Error: unable to connect to Podman socket: "
            f'Get "http://d/v4.3.1/libpod/_ping": {dial}\n',
            125,
        )

    def template_error(self, path: str, exc: Exception) -> FakeError:
        return FakeError(f"Error: {exc}\n", 125)

    def prints_json(self, fmt: object) -> bool:
        return isinstance(fmt, str) and fmt.replace(" ", "") in ("json", "{{json.}}", "{{json}}")


BY_NAME: dict[str, Dialect] = {d.name: d for d in (Docker28(), Docker20(), Podman())}
_ALIASES = {
    "docker": DOCKER28,
    "docker-28.2.2": DOCKER28,
    "docker-20.10.24": DOCKER20,
    "docker-20": DOCKER20,
    "podman-4.3.1": PODMAN,
    "podman-4": PODMAN,
}


def current() -> Dialect:
    """The dialect from ``FAKE_DOCKER_DIALECT`` (default docker-28); unknown values fail."""
    name = store.getenv("FAKE_DOCKER_DIALECT") or DOCKER28
    found = BY_NAME.get(_ALIASES.get(name, name))
    if found is None:
        raise FakeError(
            f"fake docker: FAKE_DOCKER_DIALECT={name!r} is not one of {', '.join(DIALECTS)}\n", 125
        )
    return found


SERVER_VERSION = "20.10.24+dfsg1"


def _command(typed: str) -> commands.Command:
    return commands.BY_TYPED.get(typed) or commands.TOP


def _bounds(rule: str) -> tuple[int, int]:
    """An arity rule (``=1``, ``>1``, ``<1``, ``1-2``) as the range of counts it allows."""
    many = 1 << 30
    if rule.startswith("="):
        return int(rule[1:]), int(rule[1:])
    if rule.startswith(">"):
        return int(rule[1:]), many
    if rule.startswith("<"):
        return 0, int(rule[1:])
    low, high = rule.split("-")
    return int(low), int(high)


def _full_ref(ref: str) -> str:
    return ref if (":" in ref.rsplit("/", 1)[-1] or "@" in ref) else ref + ":latest"


def _natural(text: str) -> list[Any]:
    out: list[Any] = []
    digits = ""
    for ch in text + "\x00":
        if ch.isdigit():
            digits += ch
            continue
        if digits:
            out.append((0, int(digits), ""))
            digits = ""
        out.append((1, 0, ch))
    return out


def _port_key(key: str) -> tuple[int, str]:
    number, _, proto = key.partition("/")
    return int(number), proto


def _noun(n: int) -> str:
    return "argument" if n == 1 else "arguments"


def _cmd(binary: str, path: str) -> str:
    return f"{binary} {path}" if path else binary


not_modelled = failure.not_modelled


def daemon(message: str) -> str:
    """A message as docker relays it from the engine."""
    return f"Error response from daemon: {message}"


OFFLINE_PULL = (
    'Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io '
    "on 10.255.255.53:53: no such host"
)

_DEPRECATED = (
    "DEPRECATED: The legacy builder is deprecated and will be removed in a future release.\n"
)
_BUILDKIT_OFF = (
    "            BuildKit is currently disabled; enable it by removing the DOCKER_BUILDKIT=0\n"
    "            environment-variable.\n\n"
)
