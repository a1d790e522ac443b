"""``docker build`` with the legacy builder's output (``buildah.py``: podman's builder).

The Dockerfile is parsed and every instruction "runs": COPY/ADD check their sources,
RUN interprets its command (``script``), metadata instructions land in the image config.
Step IDs are content hashes (parent step, instruction, copied bytes, build args), so the
same inputs give the same image ID and a rebuild reports ``Using cache``.
"""

# Sibling modules are imported where needed: each invocation pays only for its command.
# ruff: noqa: PLC0415

from __future__ import annotations

import os

from dockercli.fake import dialect, dockerfile, flags, jsonio, model, refs, script, store

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from dockercli.fake.ctx import Ctx


try:  # the C modules: hashlib costs 3 ms more to import
    from _sha256 import sha256  # type: ignore[import-not-found,unused-ignore]
except ImportError:  # Python 3.12+ moved it
    try:
        from _sha2 import sha256  # type: ignore[import-not-found,no-redef,unused-ignore]
    except ImportError:
        from hashlib import sha256  # type: ignore[assignment,unused-ignore]

_INSTRUCTIONS = (
    "ADD",
    "ARG",
    "CMD",
    "COPY",
    "ENTRYPOINT",
    "ENV",
    "EXPOSE",
    "FROM",
    "HEALTHCHECK",
    "LABEL",
    "MAINTAINER",
    "ONBUILD",
    "RUN",
    "SHELL",
    "STOPSIGNAL",
    "USER",
    "VOLUME",
    "WORKDIR",
)
_PREDEFINED_ARGS = (
    "HTTP_PROXY",
    "http_proxy",
    "HTTPS_PROXY",
    "https_proxy",
    "FTP_PROXY",
    "ftp_proxy",
    "NO_PROXY",
    "no_proxy",
    "ALL_PROXY",
    "all_proxy",
)
# Instructions whose words docker's lexer resolves before the step runs.
_RESOLVED = ("ARG", "ENV", "EXPOSE", "LABEL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR")
DEFAULT_PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"


class BuildFailed(Exception):
    """A step failed: stderr text and exit code."""

    def __init__(self, stderr: str, code: int) -> None:
        super().__init__(stderr)
        self.stderr = stderr
        self.code = code


# -- parsing (dockerfile.py has the parser and the word lexer) ----------------------------


# -- the build ----------------------------------------------------------------------------


def content_hash(*parts: str) -> str:
    h = sha256()
    for part in parts:
        h.update(part.encode("utf-8", "surrogateescape"))
        h.update(b"\x00")
    return str(h.hexdigest())


def _context_files(root: str) -> tuple[list[str], int]:
    """Relative paths of every file in the context, and the tar stream size docker sends."""
    files: list[str] = []
    size = 1024
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        if dirpath != root:
            size += 512
        for name in sorted(filenames):
            full = os.path.join(dirpath, name)
            try:
                length = os.lstat(full).st_size
            except OSError:
                continue
            files.append(os.path.relpath(full, root))
            size += 512 + (length + 511) // 512 * 512
    return files, size


def _glob_match(pattern: str, path: str) -> bool:
    if not any(ch in pattern for ch in "*?["):
        return pattern == path
    return refs.glob(pattern, path)


class Builder:
    """One build with docker's legacy builder: options, context, output, and the state it
    reads and extends. ``buildah.Buildah`` overrides what buildah does or says otherwise."""

    lexer: type[dockerfile.Lexer] = dockerfile.Lexer
    always_continue = False  # buildah: an escaped escape at the end of a line continues it
    label_step = True  # docker adds a LABEL step for --label; buildah commits them
    intermediate = True  # docker runs each step in a container it then removes

    def __init__(self, c: Ctx) -> None:
        self.c = c
        self.d = c.d
        self.quiet = bool(c.flag("quiet"))
        self.no_cache = bool(c.flag("no-cache"))
        self.nonce = store.new_id() if self.no_cache else ""
        self.state = store.load(c.state_dir)
        self.cache_hits: dict[str, bool] = {}
        self.new_steps: list[str] = []
        self.build_args = self._build_args()
        self.used_args: set[str] = set()
        self.files: list[str] = []
        self.root = ""
        self.escape = "\\"
        self.end_lines: dict[int, int] = {}

    def _build_args(self) -> dict[str, str]:
        args: dict[str, str] = {}
        for item in self.c.flag("build-arg") or []:
            key, eq, value = item.partition("=")
            if eq:
                args[key] = value
            elif key in os.environ:
                args[key] = os.environ[key]
        return args

    def out(self, text: str) -> None:
        if not self.quiet:
            self.c.io.out(text)

    # -- steps -------------------------------------------------------------------------

    def run(self, root: str, path: str) -> str:  # noqa: PLR0912 - one branch per case keeps the mapping readable
        self.root = root
        with open(path, encoding="utf-8", errors="surrogateescape") as fh:
            parsed = dockerfile.parse(fh.read(), always_continue=self.always_continue)
        instructions = parsed.instructions
        self.escape = parsed.escape
        self.end_lines = parsed.end_lines
        self.files, size = _context_files(root)
        self.out(self._context_line(size))
        self._check(instructions, path)
        if not instructions or not any(k == "FROM" for _, k, _, _ in instructions):
            raise BuildFailed(
                dialect.daemon("the Dockerfile (Dockerfile) cannot be empty\n")
                if not instructions
                else "No build stage in current context\n",
                1,
            )
        instructions = self._until_target(instructions)
        labels = [(k, v) for k, _, v in (x.partition("=") for x in self.c.flag("label") or [])]
        if labels and self.label_step:
            text = "LABEL " + " ".join(f"{jsonio.quote(k)}='{v}'" for k, v in labels) + " "
            instructions.append((0, "LABEL", text[len("LABEL ") :], text))
        total = len(instructions)
        stage: dict[str, Any] = {}
        stages: dict[str, dict[str, Any]] = {}
        pre_args: dict[str, str] = {}
        for index, (line, keyword, args, original) in enumerate(instructions, 1):
            last = index == total
            header = self._header(index, total, original)
            resolved: Any = None
            if line == 0:  # the step docker adds for --label: values as given, never lexed
                resolved = labels
            elif keyword in _RESOLVED:
                try:
                    resolved = self._resolve(keyword, args, self._env(stage) if stage else pre_args)
                except dockerfile.WordError as exc:
                    raise self._word_failed(exc, header, line, keyword, original) from None
            self.out(header)
            if keyword not in _INSTRUCTIONS:
                raise self._unknown_instruction(line, keyword, original, stage)
            if keyword == "FROM":
                if stage.get("name"):
                    stages[stage["name"]] = stage
                stage = self._from(args, stages, pre_args)
                continue
            if not stage:
                if keyword == "ARG":
                    for key, default in resolved:
                        self.used_args.add(key)
                        given = self.build_args.get(key, default)
                        if given is not None:
                            pre_args[key] = given
                    continue
                raise BuildFailed(
                    dialect.daemon("Please provide a source image with `from` prior to commit\n"), 1
                )
            self._step(stage, keyword, args, original, last, resolved=resolved)
        return self._commit(stage)

    def _check(self, instructions: list[tuple[int, str, str, str]], path: str) -> None:
        """What docker refuses before the first step: the parser's, then the instructions'."""
        for _line, keyword, args, _orig in instructions:
            if keyword in ("ENV", "LABEL"):
                try:
                    dockerfile.name_values(keyword, args, self.escape)
                except dockerfile.ParseError as exc:
                    raise self._parse_failed(path, exc) from None
        self._check_instructions(instructions)

    def _parse_failed(self, path: str, exc: dockerfile.ParseError) -> BuildFailed:
        return BuildFailed(dialect.daemon(f"failed to parse Dockerfile: {exc}\n"), 1)

    def _check_instructions(self, instructions: list[tuple[int, str, str, str]]) -> None:
        """The parser's line-numbered refusals, before any step runs."""
        for line, keyword, args, _orig in instructions:
            problem = ""
            if keyword not in _INSTRUCTIONS:
                problem = f"unknown instruction: {keyword}"
            elif keyword in ("ENV", "LABEL", "ARG") and not args:
                problem = f"{keyword} requires at least one argument"
            elif keyword == "LABEL" and any(
                not k for k, _ in dockerfile.name_values(keyword, args, self.escape)
            ):
                problem = "LABEL names can not be blank"
            if problem:
                raise BuildFailed(
                    dialect.daemon(f"dockerfile parse error line {line}: {problem}\n"), 1
                )

    def _word(self, word: str, env: dict[str, str]) -> str:
        return dockerfile.process_word(word, env, self.escape, lexer=self.lexer)

    def _resolve(self, keyword: str, args: str, env: dict[str, str]) -> Any:
        """The values of a metadata instruction, as docker's lexer reads its words."""
        if keyword in ("ENV", "LABEL"):
            return [
                (self._word(k, env), self._word(v, env))
                for k, v in dockerfile.name_values(keyword, args, self.escape)
            ]
        if keyword == "ARG":
            out: list[tuple[str, Any]] = []
            for word in dockerfile.split_words(args, self.escape):
                key, eq, default = word.partition("=")
                out.append((key, self._word(default, env) if eq else None))
            return out
        if keyword in ("EXPOSE", "VOLUME") and not args.startswith("["):
            return dockerfile.process_fields(args, env, self.escape, lexer=self.lexer)
        if keyword in ("WORKDIR", "USER", "STOPSIGNAL"):
            return self._word(args, env)
        return None

    def _word_failed(
        self, exc: dockerfile.WordError, header: str, line: int, keyword: str, original: str
    ) -> BuildFailed:
        """docker prints the step, then the lexer's error."""
        self.out(header)
        return BuildFailed(f"failed to process {dockerfile.go_quote(exc.word)}: {exc.message}\n", 1)

    def _until_target(
        self, instructions: list[tuple[int, str, str, str]]
    ) -> list[tuple[int, str, str, str]]:
        target = self.c.flag("target")
        if not target:
            return instructions
        out: list[tuple[int, str, str, str]] = []
        found = False
        for item in instructions:
            if item[1] == "FROM":
                if found:
                    break
                words = item[2].split()
                found = len(words) >= 3 and words[-2].upper() == "AS" and words[-1] == target
            out.append(item)
        if not found:
            raise BuildFailed(f"failed to reach build target {target} in Dockerfile\n", 1)
        return out

    def _from(
        self, args: str, stages: dict[str, dict[str, Any]], pre_args: dict[str, str]
    ) -> dict[str, Any]:
        words = [w for w in args.split() if not w.startswith("--")]
        ref = self._word(words[0], pre_args) if words else ""
        name = words[2] if len(words) >= 3 and words[1].upper() == "AS" else ""
        base: dict[str, Any] = {
            "name": name,
            "parent": "",
            "step": content_hash("scratch", self.nonce),
            "size": 0,
            "layers": [],
            "history": [],
            "args": {},
            "container": "",
            "config": {
                "Env": [DEFAULT_PATH],
                "Cmd": None,
                "Entrypoint": None,
                "Labels": {},
                "ExposedPorts": {},
                "WorkingDir": "",
                "User": "",
                "Volumes": None,
                "Healthcheck": None,
                "StopSignal": "",
                "Shell": None,
                "OnBuild": None,
            },
        }
        if ref == "scratch":
            self.out(self._base_line(""))
            return base
        if ref in stages:
            parent = stages[ref]
            base.update(
                {
                    k: (dict(v) if isinstance(v, dict) else list(v) if isinstance(v, list) else v)
                    for k, v in parent.items()
                    if k != "name"
                }
            )
            base["config"] = {
                k: (dict(v) if isinstance(v, dict) else v) for k, v in parent["config"].items()
            }
            self.out(self._base_line(parent["step"]))
            return base
        iid = (
            refs.find_image(self.d, self.state, ref)
            if not refs.check(ref) or refs.is_hex(ref)
            else ""
        )
        if not iid or self.c.flag("pull"):
            raise self._no_base_image(ref)
        image = self.state["images"][iid]
        base.update(
            {
                "parent": iid,
                "step": iid,
                "size": image.get("size", 0),
                "layers": list(image.get("layers", [])),
                "history": list(image.get("history", [])),
            }
        )
        base["config"].update(
            {k: (dict(v) if isinstance(v, dict) else v) for k, v in image["config"].items()}
        )
        self.out(self._base_line(iid))
        return base

    def _env(self, stage: dict[str, Any]) -> dict[str, str]:
        env = model.env_dict(stage["config"]["Env"] or [])
        return {**stage["args"], **env}

    def _step(
        self,
        stage: dict[str, Any],
        keyword: str,
        args: str,
        original: str,
        last: bool,
        *,
        resolved: Any = None,
    ) -> None:
        cfg = stage["config"]
        env = self._env(stage)
        extra = ""
        if keyword in ("COPY", "ADD"):
            extra = self._sources(stage, keyword, args, env, original)
        if keyword == "RUN":
            extra = jsonio.dumps(sorted((k, v) for k, v in stage["args"].items()))
        step = content_hash(stage["step"], original, extra, self.nonce)
        cached = step in self.state["cache"]
        container = store.new_id()
        if cached:
            self.out(self._cache_line(step))
        elif keyword not in ("COPY", "ADD") and self.intermediate:
            self.out(f" ---> Running in {container[:12]}\n")
        if keyword == "RUN":
            shell = cfg.get("Shell") or ["/bin/sh", "-c"]
            argv, exec_form = dockerfile.json_or_shell(args, shell)
            ran = script.run(argv, env)
            if not cached:
                self.out("".join(text for _, text in ran.output))
                if ran.code:
                    raise self._run_failed(argv, exec_form, original, ran.code)
            stage["layers"].append(content_hash("layer", step))
            stage["history"].append(f"/bin/sh -c {args}")
        elif keyword in ("COPY", "ADD"):
            stage["layers"].append(content_hash("layer", step))
            stage["history"].append(f"/bin/sh -c #(nop) {keyword} {args}")
        else:
            self._metadata(stage, keyword, args, resolved, original)
            stage["history"].append(f"/bin/sh -c #(nop) {original}")
        if not cached and keyword not in ("COPY", "ADD") and self.intermediate:
            self.out(f"Removing intermediate container {container[:12]}\n")
            stage["container"] = container
        cfg["Image"] = "sha256:" + stage["step"]
        stage["prev"] = stage["step"] if stage.get("last") or stage["parent"] else ""
        stage["step"] = step
        stage["last"] = original
        self.new_steps.append(step)
        self.out(self._step_line(step, last))

    def _sources(
        self, stage: dict[str, Any], keyword: str, args: str, env: dict[str, str], original: str
    ) -> str:
        words = args.split() if not args.startswith("[") else list(jsonio.loads(args))
        options = [w for w in words if w.startswith("--")]
        try:
            paths = [self._word(w, env) for w in words if not w.startswith("--")]
        except dockerfile.WordError as exc:
            raise self._word_failed(exc, "", 0, keyword, original) from None
        if len(paths) < 2:
            raise BuildFailed(
                f"{keyword} requires at least two arguments, but only one was provided. "
                "Destination could not be determined.\n",
                1,
            )
        if any(o.startswith("--from=") for o in options):
            return content_hash(*options, *paths)
        digest: list[str] = []
        total = 0
        for src in paths[:-1]:
            if src.startswith(("http://", "https://")) and keyword == "ADD":
                digest.append(src)
                continue
            rel = os.path.normpath(src.lstrip("/")) if src not in (".", "./", "/") else "."
            matches = [
                f
                for f in self.files
                if rel in (".", f) or f.startswith(rel + "/") or _glob_match(rel, f)
            ]
            if not matches:
                raise self._missing_source(
                    keyword, src, original, glob=any(ch in src for ch in "*?[")
                )
            for name in matches:
                full = os.path.join(self.root, name)
                try:
                    with open(full, "rb") as fh:
                        data = fh.read()
                except OSError:
                    data = b""
                total += len(data)
                h = sha256()
                h.update(data)
                digest.append(f"{name}:{h.hexdigest()}")
        stage["size"] += total
        return content_hash(*digest)

    def _missing_source(self, keyword: str, src: str, original: str, *, glob: bool) -> BuildFailed:
        if glob:
            return BuildFailed(f"{keyword} failed: no source files were specified\n", 1)
        return BuildFailed(
            f"{keyword} failed: file not found in build context or excluded by .dockerignore: "
            f"stat {src.lstrip('/')}: file does not exist\n",
            1,
        )

    def _run_failed(
        self, argv: list[str], exec_form: bool, original: str, code: int
    ) -> BuildFailed:
        return BuildFailed(
            f"The command '{' '.join(argv)}' returned a non-zero code: {code}\n", code
        )

    def _unknown_instruction(
        self, line: int, keyword: str, original: str, stage: dict[str, Any]
    ) -> BuildFailed:
        """An instruction no builder knows (docker's parser refused it in ``_check``)."""
        return BuildFailed(
            dialect.daemon(f"dockerfile parse error line {line}: unknown instruction: {keyword}\n"),
            1,
        )

    # -- what the legacy builder prints ------------------------------------------------

    def _context_line(self, size: int) -> str:
        return f"Sending build context to Docker daemon  {store.human_size(size)}\r\r\n"

    def _header(self, index: int, total: int, original: str) -> str:
        return f"Step {index}/{total} : {original}\n"

    def _base_line(self, image: str) -> str:
        """After FROM: the base image's short ID (nothing for scratch)."""
        return f" ---> {image[:12]}\n"

    def _cache_line(self, step: str) -> str:
        return " ---> Using cache\n"

    def _step_line(self, step: str, last: bool) -> str:
        return f" ---> {step[:12]}\n"

    def _no_base_image(self, ref: str) -> BuildFailed:
        return BuildFailed(dialect.OFFLINE_PULL + "\n", 1)

    def _metadata(  # noqa: PLR0912 - one branch per case keeps the mapping readable
        self, stage: dict[str, Any], keyword: str, args: str, resolved: Any, original: str
    ) -> None:
        cfg = stage["config"]
        shell = cfg.get("Shell") or ["/bin/sh", "-c"]
        if keyword in ("ENV", "LABEL") and not resolved:  # docker refused it in _check
            raise BuildFailed(
                f'Error: building at STEP "{keyword} ": {keyword} requires at least one argument\n',
                125,
            )
        if keyword == "ENV":
            current = model.env_dict(cfg["Env"] or [])
            for key, value in resolved:
                current[key] = value
            cfg["Env"] = [f"{k}={v}" for k, v in current.items()]
        elif keyword == "LABEL":
            labels = dict(cfg.get("Labels") or {})
            labels.update(resolved)
            cfg["Labels"] = labels
        elif keyword == "EXPOSE":
            exposed = dict(cfg.get("ExposedPorts") or {})
            for word in resolved:
                number, _, proto = word.partition("/")
                low, _, high = number.partition("-")
                for port in range(int(low), int(high or low) + 1):
                    exposed[f"{port}/{(proto or 'tcp').lower()}"] = {}
            cfg["ExposedPorts"] = exposed
        elif keyword == "CMD":
            cfg["Cmd"] = dockerfile.json_or_shell(args, shell)[0]
        elif keyword == "ENTRYPOINT":
            cfg["Entrypoint"] = dockerfile.json_or_shell(args, shell)[0]
            cfg["Cmd"] = None
        elif keyword == "WORKDIR":
            path = resolved
            cfg["WorkingDir"] = os.path.normpath(os.path.join(cfg.get("WorkingDir") or "/", path))
        elif keyword == "USER":
            cfg["User"] = resolved
        elif keyword == "VOLUME":
            paths = dockerfile.json_or_shell(args, [])[0] if args.startswith("[") else resolved
            cfg["Volumes"] = {**(cfg.get("Volumes") or {}), **{p: {} for p in paths}}
        elif keyword == "STOPSIGNAL":
            cfg["StopSignal"] = resolved
        elif keyword == "SHELL":
            cfg["Shell"] = dockerfile.json_or_shell(args, [])[0]
        elif keyword == "ONBUILD":
            cfg["OnBuild"] = [*(cfg.get("OnBuild") or []), args]
        elif keyword == "ARG":
            for key, default in resolved:
                self.used_args.add(key)
                given = self.build_args.get(key, default)
                if given is not None:
                    stage["args"][key] = given
        elif keyword == "HEALTHCHECK":
            cfg["Healthcheck"] = self._healthcheck(args, shell)

    def _healthcheck(self, args: str, shell: list[str]) -> dict[str, Any]:
        words = args.split()
        if words and words[0].upper() == "NONE":
            return {"Test": ["NONE"]}
        check: dict[str, Any] = {}
        from dockercli.fake import units

        while words and words[0].startswith("--"):
            key, _, value = words.pop(0)[2:].partition("=")
            if key == "retries":
                check["Retries"] = int(value)
            else:
                field = {
                    "interval": "Interval",
                    "timeout": "Timeout",
                    "start-period": "StartPeriod",
                }.get(key)
                if field:
                    check[field] = units.duration_ns(self.c, key, value)
        rest = args[args.upper().find("CMD") + 3 :].strip() if "CMD" in args.upper() else ""
        argv, exec_form = dockerfile.json_or_shell(rest, [])
        test = ["CMD", *argv] if exec_form else ["CMD-SHELL", rest]
        return {"Test": test, **check}

    # -- commit ------------------------------------------------------------------------

    def _commit(self, stage: dict[str, Any]) -> str:
        iid = stage["step"]
        cfg = stage["config"]
        labels = dict(cfg.get("Labels") or {})
        flagged = [x.partition("=") for x in self.c.flag("label") or []]
        for k, _, v in flagged:
            labels[k] = v
        iid, labels = self._committed(iid, labels, [f"{k}={v}" for k, _, v in flagged])
        cfg["Labels"] = labels or None
        self.out(self._commit_lines(iid))
        unused = sorted(
            k for k in self.build_args if k not in self.used_args and k not in _PREDEFINED_ARGS
        )
        if unused:
            self.out(self._unused_args(unused))
        now = store.now_ns()
        tags = [refs.normalize(self.d, t) for t in self.c.flag("tag") or []]
        with store.Locked(self.c.state_dir) as state:
            cache = state["cache"]
            for step in self.new_steps:
                cache[step] = 1
            existing = state["images"].get(iid)
            state["images"][iid] = {
                "id": iid,
                "parent": stage["parent"] if iid != stage["parent"] else "",
                "created": existing["created"] if existing else now,
                "size": stage["size"],
                "config": cfg,
                "layers": stage["layers"],
                "parent_step": stage.get("prev", ""),
                "container": existing["container"] if existing else stage.get("container", ""),
                "history": stage["history"],
                "last_step": stage.get("last", ""),
                "tagged": now,
            }
            for t in tags:
                state["tags"][t] = iid
        self._built(iid, tags)
        return str(iid)

    def _committed(
        self, iid: str, labels: dict[str, str], flagged: list[str]
    ) -> tuple[str, dict[str, str]]:
        """The image ID and labels as committed (docker: as built)."""
        return iid, labels

    def _commit_lines(self, iid: str) -> str:
        return ""

    def _unused_args(self, unused: list[str]) -> str:
        return f"[Warning] One or more build-args [{' '.join(unused)}] were not consumed\n"

    def _built(self, iid: str, tags: list[str]) -> None:
        self.out(f"Successfully built {iid[:12]}\n")
        for t in tags:
            self.out(f"Successfully tagged {t}\n")
        if self.quiet:
            self.c.io.out(f"sha256:{iid}\n")

    # -- before the build: tags, context, Dockerfile ----------------------------------

    @classmethod
    def bad_tag(cls, c: Ctx, tag: str, problem: str) -> dialect.FakeError:
        return flags.bad_value(c.d, c.typed, "tag", tag, refs.error_text(c.d, tag))

    @classmethod
    def not_a_directory(cls, context: str, root: str) -> dialect.FakeError:
        if os.path.exists(root):
            return dialect.FakeError(
                f"unable to prepare context: context must be a directory: {root}\n"
            )
        return dialect.FakeError(f'unable to prepare context: path "{context}" not found\n')

    @classmethod
    def dockerfile_candidates(cls, given: str, root: str) -> list[str]:
        """Where the Dockerfile may be, in order (``-f`` is relative to the working dir)."""
        if given:
            return [given if os.path.isabs(given) else os.path.abspath(given)]
        return [os.path.join(root, "Dockerfile")]

    @classmethod
    def no_dockerfile(cls, missing: str) -> dialect.FakeError:
        return dialect.FakeError(
            "unable to prepare context: unable to evaluate symlinks in Dockerfile path: "
            f"lstat {missing}: no such file or directory\n"
        )


def build(c: Ctx, builder: type[Builder] = Builder) -> int:
    """``docker build`` (``buildah.build`` passes its own builder)."""
    for t in c.flag("tag") or []:
        problem = refs.check(t)
        if problem:
            raise builder.bad_tag(c, t, problem)
    context = c.args[0]
    if context == "-" or "://" in context or context.startswith("git@"):
        raise dialect.not_modelled("building from stdin or a URL")
    root = os.path.abspath(context)
    if not os.path.isdir(root):
        raise builder.not_a_directory(context, root)
    given = c.flag("file")
    if given == "-":
        raise dialect.not_modelled("a Dockerfile read from stdin")
    candidates = builder.dockerfile_candidates(given or "", root)
    path = next((p for p in candidates if os.path.isfile(p)), "")
    if not path:
        raise builder.no_dockerfile(candidates[-1])
    try:
        iid = builder(c).run(root, path)
    except BuildFailed as exc:
        raise dialect.FakeError(exc.stderr, exc.code) from None
    iidfile = c.flag("iidfile")
    if iidfile:
        with open(iidfile, "w", encoding="utf-8") as fh:
            fh.write(f"sha256:{iid}")
    return 0
