"""Every command the fake models, one row each: how it is typed, what runs it, its flags,
its usage line and how many arguments it takes.

The dispatcher, the flag parser, the usage and argument-count errors and the fault rules
all read this table and no other, so adding a command is one row and one handler (and a
render function per dialect family when it prints objects).
"""

from __future__ import annotations

from dockercli.fake import clients


class Command:
    """One docker command.

    ``path`` is its canonical name (what handlers and fault rules call it) and
    ``spellings`` the other ways to type it; a dialect in ``lacking[spelling]`` does not
    know that spelling. ``usage`` is the usage line after the command path, ``about``
    the one-line description docker 20.10 prints, ``arity`` the argument rule
    (``=N`` exactly, ``>N`` at least, ``<N`` at most, ``L-H`` between, ``*`` any) and
    ``podman_arity`` podman's where it differs. ``podman_no_args`` is podman's own
    sentence for a call with no argument at all. ``interspersed=False``: flags end at the
    first positional (the rest is the container's command).
    """

    __slots__ = (
        "about",
        "arity",
        "flags",
        "handler",
        "interspersed",
        "lacking",
        "path",
        "podman_arity",
        "podman_handler",
        "podman_no_args",
        "spellings",
        "usage",
    )

    def __init__(  # noqa: PLR0917 - one positional per column of the table
        self,
        path: str,
        handler: str,
        flags: str,
        usage: str,
        about: str,
        arity: str,
        *,
        spellings: tuple[str, ...] = (),
        lacking: dict[str, tuple[str, ...]] | None = None,
        podman_arity: str = "",
        podman_no_args: str = "",
        podman_handler: str = "",
        interspersed: bool = True,
    ) -> None:
        self.path = path
        self.handler = handler
        self.flags = flags
        self.usage = usage
        self.about = about
        self.arity = arity
        self.spellings = spellings
        self.lacking = lacking or {}
        self.podman_arity = podman_arity
        self.podman_no_args = podman_no_args
        self.podman_handler = podman_handler  # when podman's command is another program
        self.interspersed = interspersed

    def shown(self, typed: str) -> str:
        """The path docker prints in usage and errors for ``typed``: cobra names the
        command, not the alias (``container list`` -> ``container ls``)."""
        group, _, _verb = typed.rpartition(" ")
        if not group:
            return typed
        return next(s for s in (self.path, *self.spellings) if s.startswith(group + " "))

    def usage_line(self, shown: str) -> str:
        """``docker <path> <usage>``, as docker prints it after ``Usage:``."""
        return " ".join(part for part in ("docker", shown, self.usage) if part)


_RUN_CREATE = (
    "name= entrypoint= p,publish* P,publish-all! e,env* env-file* v,volume* tmpfs* volumes-from* "
    "link* l,label* label-file* network= net=network network-alias* h,hostname= u,user= "
    "w,workdir= restart= init! ulimit* m,memory= memory-swap= cpus= cpu-shares# "
    "health-cmd= health-interval= health-timeout= health-start-period= health-retries# "
    "no-healthcheck! read-only! cap-add* cap-drop* add-host* platform= pull= rm! i,interactive! "
    "t,tty! cidfile= expose* stop-signal= stop-timeout# privileged! dns* mount* shm-size= "
    "log-driver= log-opt* q,quiet! a,attach* ipc= pid= security-opt* device* group-add* "
    "gpus= dns-search* dns-option* sysctl* userns= ip= mac-address= pids-limit# "
    "oom-score-adj# cgroupns= runtime= isolation= storage-opt* memory-reservation= "
    "cpuset-cpus= blkio-weight#"
)
RUN_ONLY = " d,detach! sig-proxy! detach-keys="
# podman 4.3 has no --isolation (dialect_settings: its run and create specs)
RUN_CREATE_PODMAN = _RUN_CREATE.replace(" isolation=", "")
_NO_NAMES = "you must provide at least one name or id"
_NOT_PODMAN = (clients.PODMAN,)

_ROWS = (
    Command(
        "build",
        "builder.build",
        "f,file= t,tag* build-arg* label* target= no-cache! rm! force-rm! pull! platform= "
        "network= iidfile= progress= q,quiet! add-host* cache-from* isolation= shm-size= ulimit*",
        "[OPTIONS] PATH | URL | -",
        "Build an image from a Dockerfile",
        "=1",
        spellings=("image build",),
        podman_no_args="no context directory and no Containerfile specified",
        podman_handler="buildah.build",
    ),
    Command(
        "images",
        "cmd_list.images",
        "a,all! f,filter* format= no-trunc! q,quiet! digests!",
        "[OPTIONS] [REPOSITORY[:TAG]]",
        "List images",
        "<1",
        spellings=("image ls", "image list"),
    ),
    Command(
        "ps",
        "cmd_list.ps",
        "a,all! f,filter* format= no-trunc! q,quiet! l,latest! n,last# s,size!",
        "[OPTIONS]",
        "List containers",
        "=0",
        spellings=("container ls", "container ps", "container list"),
    ),
    Command(
        "inspect",
        "cmd_inspect.inspect",
        "f,format= s,size! type=",
        "[OPTIONS] NAME|ID [NAME|ID...]",
        "Return low-level information on Docker objects",
        ">1",
        podman_no_args="no names or ids specified",
    ),
    Command(
        "image inspect",
        "cmd_inspect.inspect",
        "f,format=",
        "[OPTIONS] IMAGE [IMAGE...]",
        "Display detailed information on one or more images",
        ">1",
        podman_no_args="no names or ids specified",
    ),
    Command(
        "container inspect",
        "cmd_inspect.inspect",
        "f,format= s,size!",
        "[OPTIONS] CONTAINER [CONTAINER...]",
        "Display detailed information on one or more containers",
        ">1",
        podman_no_args="no names or ids specified",
    ),
    Command(
        "tag",
        "cmd_image.tag",
        "",
        "SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]",
        "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE",
        "=2",
        spellings=("image tag",),
        podman_arity=">2",  # podman tags several targets at once
    ),
    Command(
        "rmi",
        "cmd_image.rmi",
        "f,force! no-prune!",
        "[OPTIONS] IMAGE [IMAGE...]",
        "Remove one or more images",
        ">1",
        spellings=("image rm", "image remove"),
        lacking={"image remove": _NOT_PODMAN},
        podman_no_args="image name or ID must be specified",
    ),
    Command(
        "pull",
        "cmd_image.pull",
        "a,all-tags! platform= q,quiet! disable-content-trust!",
        "[OPTIONS] NAME[:TAG|@DIGEST]",
        "Pull an image or a repository from a registry",
        "=1",
        spellings=("image pull",),
        podman_no_args="requires at least 1 arg(s), only received 0",
    ),
    Command(
        "create",
        "cmd_run.create",
        _RUN_CREATE,
        "[OPTIONS] IMAGE [COMMAND] [ARG...]",
        "Create a new container",
        ">1",
        spellings=("container create",),
        interspersed=False,
    ),
    Command(
        "run",
        "cmd_run.run",
        _RUN_CREATE + RUN_ONLY,
        "[OPTIONS] IMAGE [COMMAND] [ARG...]",
        "Run a command in a new container",
        ">1",
        spellings=("container run",),
        interspersed=False,
    ),
    Command(
        "start",
        "cmd_run.start",
        "a,attach! i,interactive! detach-keys=",
        "[OPTIONS] CONTAINER [CONTAINER...]",
        "Start one or more stopped containers",
        ">1",
        spellings=("container start",),
        podman_no_args="start requires at least one argument",
    ),
    Command(
        "restart",
        "cmd_run.restart",
        "t,time# s,signal=",
        "[OPTIONS] CONTAINER [CONTAINER...]",
        "Restart one or more containers",
        ">1",
        spellings=("container restart",),
        podman_no_args=_NO_NAMES,
    ),
    Command(
        "stop",
        "cmd_container.stop",
        "t,time# s,signal=",
        "[OPTIONS] CONTAINER [CONTAINER...]",
        "Stop one or more running containers",
        ">1",
        spellings=("container stop",),
        podman_no_args=_NO_NAMES,
    ),
    Command(
        "kill",
        "cmd_container.kill",
        "s,signal=",
        "[OPTIONS] CONTAINER [CONTAINER...]",
        "Kill one or more running containers",
        ">1",
        spellings=("container kill",),
        podman_no_args=_NO_NAMES,
    ),
    Command(
        "rename",
        "cmd_container.rename",
        "",
        "CONTAINER NEW_NAME",
        "Rename a container",
        "=2",
        spellings=("container rename",),
    ),
    Command(
        "rm",
        "cmd_container.rm",
        "f,force! v,volumes! l,link!",
        "[OPTIONS] CONTAINER [CONTAINER...]",
        "Remove one or more containers",
        ">1",
        spellings=("container rm", "container remove"),
        # docker 20.10 and podman print their group's help for `container remove`.
        lacking={"container remove": (clients.DOCKER20, clients.PODMAN)},
        podman_no_args=_NO_NAMES,
    ),
    Command(
        "wait",
        "cmd_container.wait",
        "",
        "CONTAINER [CONTAINER...]",
        "Block until one or more containers stop, then print their exit codes",
        ">1",
        spellings=("container wait",),
        podman_no_args='"podman wait" requires a name, id, or the "--latest" flag',
    ),
    Command(
        "port",
        "cmd_container.port",
        "",
        "CONTAINER [PRIVATE_PORT[/PROTO]]",
        "List port mappings or a specific mapping for the container",
        "1-2",
        spellings=("container port",),
        podman_no_args="you must supply a running container name or id",
    ),
    Command(
        "logs",
        "cmd_container.logs",
        "f,follow! t,timestamps! since= until= n,tail= details!",
        "[OPTIONS] CONTAINER",
        "Fetch the logs of a container",
        "=1",
        spellings=("container logs",),
        podman_no_args="specify at least one container name or ID to log",
    ),
    Command(
        "exec",
        "cmd_container.exec_",
        "e,env* env-file* u,user= w,workdir= d,detach! i,interactive! t,tty! privileged! "
        "detach-keys=",
        "[OPTIONS] CONTAINER COMMAND [ARG...]",
        "Run a command in a running container",
        ">2",
        spellings=("container exec",),
        interspersed=False,
    ),
    Command(
        "pause",
        "cmd_pause.pause",
        "",
        "CONTAINER [CONTAINER...]",
        "Pause all processes within one or more containers",
        ">1",
        spellings=("container pause",),
        podman_arity="*",  # --all and --latest name none (cmd_pause counts the names)
        podman_no_args=_NO_NAMES,
    ),
    Command(
        "unpause",
        "cmd_pause.unpause",
        "",
        "CONTAINER [CONTAINER...]",
        "Unpause all processes within one or more containers",
        ">1",
        spellings=("container unpause",),
        podman_arity="*",  # --all and --latest name none (cmd_pause counts the names)
        podman_no_args=_NO_NAMES,
    ),
    Command(
        "top",
        "cmd_usage.top",
        "",
        "CONTAINER [ps OPTIONS]",
        "Display the running processes of a container",
        ">1",
        spellings=("container top",),
        podman_no_args="you must provide the name or id of a running container",
        interspersed=False,  # what follows the container is ps's
    ),
    Command(
        "stats",
        "cmd_usage.stats",
        "a,all! format= no-stream! no-trunc!",
        "[OPTIONS] [CONTAINER...]",
        "Display a live stream of container(s) resource usage statistics",
        "*",
        spellings=("container stats",),
    ),
    Command(
        "diff",
        "cmd_files.diff",
        "",
        "CONTAINER",
        "Inspect changes to files or directories on a container's filesystem",
        "=1",
        spellings=("container diff",),
        podman_arity="1-2",  # podman compares two containers or images
        podman_no_args='"podman diff" requires a name, id, or the "--latest" flag',
    ),
    Command(
        "commit",
        "cmd_commit.commit",
        "a,author= c,change* m,message= p,pause!",
        "[OPTIONS] CONTAINER [REPOSITORY[:TAG]]",
        "Create a new image from a container's changes",
        "1-2",
        spellings=("container commit",),
    ),
    Command(
        "export",
        "cmd_files.export",
        "o,output=",
        "[OPTIONS] CONTAINER",
        "Export a container's filesystem as a tar archive",
        "=1",
        spellings=("container export",),
    ),
    Command(
        "update",
        "cmd_update.update",
        "blkio-weight# cpu-period# cpu-quota# cpu-rt-period# cpu-rt-runtime# c,cpu-shares# "
        "cpus= cpuset-cpus= cpuset-mems= m,memory= memory-reservation= memory-swap= "
        "pids-limit# restart=",
        "[OPTIONS] CONTAINER [CONTAINER...]",
        "Update configuration of one or more containers",
        ">1",
        spellings=("container update",),
        podman_arity="=1",
    ),
    Command(
        "version",
        "cmd_system.version",
        "f,format=",
        "[OPTIONS]",
        "Show the Docker version information",
        "=0",
        podman_handler="cmd_system.podman_version",
    ),
    Command(
        "info",
        "cmd_system.info",
        "f,format=",
        "[OPTIONS]",
        "Display system-wide information",
        "=0",
        podman_handler="cmd_system.podman_info",
        spellings=("system info",),
    ),
    Command(
        "network ls",
        "cmd_network.ls",
        "f,filter* format= no-trunc! q,quiet!",
        "[OPTIONS]",
        "List networks",
        "=0",
        spellings=("network list",),
    ),
    Command(
        "network create",
        "cmd_network.create",
        "attachable! aux-address* config-from= config-only! d,driver= gateway* ingress! "
        "internal! ip-range* ipam-driver= ipam-opt* ipv6! label* o,opt* scope= subnet*",
        "[OPTIONS] NETWORK",
        "Create a network",
        "=1",
        podman_arity="<1",
    ),
    Command(
        "network inspect",
        "cmd_network.inspect",
        "f,format= v,verbose!",
        "[OPTIONS] NETWORK [NETWORK...]",
        "Display detailed information on one or more networks",
        ">1",
    ),
    Command(
        "network connect",
        "cmd_network.connect",
        "alias* driver-opt* ip= ip6= link* link-local-ip*",
        "[OPTIONS] NETWORK CONTAINER",
        "Connect a container to a network",
        "=2",
    ),
    Command(
        "network disconnect",
        "cmd_network.disconnect",
        "f,force!",
        "[OPTIONS] NETWORK CONTAINER",
        "Disconnect a container from a network",
        "=2",
    ),
    Command(
        "network rm",
        "cmd_network.rm",
        "",
        "NETWORK [NETWORK...]",
        "Remove one or more networks",
        ">1",
        spellings=("network remove",),
        lacking={"network remove": (clients.DOCKER20,)},
    ),
    Command(
        "cp",
        "cmd_cp.cp",
        "a,archive! L,follow-link! q,quiet!",
        # docker prints both forms; the second line names the command itself
        "[OPTIONS] CONTAINER:SRC_PATH DEST_PATH|-\n"
        "\tdocker cp [OPTIONS] SRC_PATH|- CONTAINER:DEST_PATH",
        "Copy files/folders between a container and the local filesystem",
        "=2",
        spellings=("container cp",),
    ),
    Command(
        "volume ls",
        "cmd_volume.ls",
        "cluster! f,filter* format= q,quiet!",
        "[OPTIONS]",
        "List volumes",
        "=0",
        spellings=("volume list",),
    ),
    Command(
        "volume create",
        "cmd_volume.create",
        "availability= d,driver= group= label* limit-bytes= o,opt* required-bytes= scope= "
        "secret* sharing= topology-preferred* topology-required* type=",
        "[OPTIONS] [VOLUME]",
        "Create a volume",
        "<1",
    ),
    Command(
        "volume inspect",
        "cmd_volume.inspect",
        "f,format=",
        "[OPTIONS] VOLUME [VOLUME...]",
        "Display detailed information on one or more volumes",
        ">1",
    ),
    Command(
        "volume rm",
        "cmd_volume.rm",
        "f,force!",
        "[OPTIONS] VOLUME [VOLUME...]",
        "Remove one or more volumes",
        ">1",
        spellings=("volume remove",),
        podman_no_args="choose either one or more volumes or all",
    ),
    Command(
        "context inspect",
        "cmd_system.context_inspect",
        "f,format=",
        "[OPTIONS] [CONTEXT] [CONTEXT...]",
        "Display detailed information on one or more contexts",
        "*",
        podman_handler="cmd_system.podman_context_inspect",
    ),
)

# Every typed spelling -> its command.
BY_TYPED: dict[str, Command] = {typed: row for row in _ROWS for typed in (row.path, *row.spellings)}
# Command groups (``docker image ls`` is typed as two words): the first word of every
# two-word spelling. A group's other verbs are real commands the fake does not model.
GROUPS = frozenset(typed.split()[0] for typed in BY_TYPED if " " in typed)
# The global flags (``docker [OPTIONS] COMMAND``).
TOP = Command(
    "", "", "", "[OPTIONS] COMMAND [ARG...]", "A self-sufficient runtime for containers", "*"
)


def find(d: str, typed: str) -> Command | None:
    """The command typed as ``typed`` in dialect ``d``, or None when ``d`` has no such."""
    row = BY_TYPED.get(typed)
    if row is None or d in row.lacking.get(typed, ()):
        return None
    return row


def canonical(typed: str) -> str | None:
    """The canonical path of a typed spelling in any dialect (for fault rules)."""
    row = BY_TYPED.get(typed)
    return row.path if row else None
