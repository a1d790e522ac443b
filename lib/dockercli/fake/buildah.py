"""``podman build``: buildah 1.28's output and wordings over the legacy builder's steps.

Each method here replaces one of ``builder.Builder``'s: what buildah prints, the errors it
gives, and the three things it does otherwise (commits ``--label`` into the image config,
runs no intermediate containers, looks for a Containerfile first).
"""

from __future__ import annotations

import os

from dockercli.fake import builder, dialect, dockerfile, jsonio, refs, store

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from dockercli.fake.ctx import Ctx

_BUILDAH_VERSION = "1.28.2"
_FAILED = 125


class Buildah(builder.Builder):
    """One build as podman's buildah runs it."""

    lexer = dockerfile.BuildahLexer
    always_continue = True
    label_step = False
    intermediate = False

    def _parse_failed(self, path: str, exc: dockerfile.ParseError) -> builder.BuildFailed:
        return builder.BuildFailed(f"Error: parsing main Dockerfile: {path}: {exc}\n", _FAILED)

    def _check_instructions(self, instructions: list[tuple[int, str, str, str]]) -> None:
        if any(k == "ARG" and not a for _, k, a, _ in instructions):  # buildah 1.28 crashes
            raise builder.BuildFailed(
                "panic: runtime error: invalid memory address or nil pointer dereference\n"
                "[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x10113a1]\n",
                2,
            )

    def _word_failed(
        self, exc: dockerfile.WordError, header: str, line: int, keyword: str, original: str
    ) -> builder.BuildFailed:
        """buildah fails before printing the step, naming the parser's node."""
        node = (
            f"{{Value:{keyword.lower()} Next:0xc000{store.new_id()[:6]} Children:[] "
            f"Attributes:map[] Original:{original} Flags:[] "
            f"StartLine:{line} EndLine:{self.end_lines.get(line, line)}}}"
        )
        return builder.BuildFailed(f"Error: resolving step {node}: {exc.message}\n", _FAILED)

    def _unknown_instruction(
        self, line: int, keyword: str, original: str, stage: dict[str, Any]
    ) -> builder.BuildFailed:
        """buildah runs the steps before it and then logs the step it cannot handle."""
        env = ", ".join(
            jsonio.quote(e) for e in (stage.get("config", {}).get("Env") or [builder.DEFAULT_PATH])
        )
        step = (
            f'&imagebuilder.Step{{Env:[]string{{{env}}}, Command:"{keyword.lower()}", '
            f'Args:[]string{{""}}, Flags:[]string{{}}, Attrs:map[string]bool(nil), '
            f'Message:"{keyword} ", Original:{jsonio.quote(original)}}}'
        )
        stamp = store.rfc3339(store.now_ns()).split(".")[0].rstrip("Z") + "Z"
        logged = step.replace("\\", "\\\\").replace('"', '\\"')
        return builder.BuildFailed(
            f'time="{stamp}" level=error msg="+(UNHANDLED LOGLEVEL) {logged}"\n'
            f'Error: building at STEP "{keyword} ": Build error: '
            f'Unknown instruction: "{keyword}" {step}\n',
            _FAILED,
        )

    def _missing_source(
        self, keyword: str, src: str, original: str, *, glob: bool
    ) -> builder.BuildFailed:
        return builder.BuildFailed(
            f'Error: building at STEP "{original}": checking on sources under "{self.root}": '
            f'copier: stat: "/{src.lstrip("/")}": no such file or directory\n',
            _FAILED,
        )

    def _run_failed(
        self, argv: list[str], exec_form: bool, original: str, code: int
    ) -> builder.BuildFailed:
        return builder.BuildFailed(
            f'Error: building at STEP "{original}": while running runtime: exit status {code}\n',
            code,
        )

    def _no_base_image(self, ref: str) -> builder.BuildFailed:
        return builder.BuildFailed(
            "Error: creating build container: "
            f'short-name "{ref}" did not resolve to an alias '
            "and no unqualified-search registries are defined in "
            '"/etc/containers/registries.conf"\n',
            _FAILED,
        )

    # -- what buildah prints -----------------------------------------------------------

    def _context_line(self, size: int) -> str:
        return ""

    def _header(self, index: int, total: int, original: str) -> str:
        return f"STEP {index}/{total}: {original}\n"

    def _base_line(self, image: str) -> str:
        return ""

    def _cache_line(self, step: str) -> str:
        return f"--> Using cache {step}\n"

    def _step_line(self, step: str, last: bool) -> str:
        return "" if last else f"--> {step[:11]}\n"

    def _committed(
        self, iid: str, labels: dict[str, str], flagged: list[str]
    ) -> tuple[str, dict[str, str]]:
        """buildah stamps its version, and commits ``--label`` into the config: a new image."""
        if flagged:
            iid = builder.content_hash(iid, "label", *flagged)
        return iid, {**labels, "io.buildah.version": _BUILDAH_VERSION}

    def _commit_lines(self, iid: str) -> str:
        first = (self.c.flag("tag") or [""])[0]
        return f"COMMIT {first}".rstrip() + f"\n--> {iid[:11]}\n"

    def _unused_args(self, unused: list[str]) -> str:
        return ""

    def _built(self, iid: str, tags: list[str]) -> None:
        for t in tags:
            self.out(f"Successfully tagged {refs.display(self.d, t)}\n")
        self.c.io.out(iid + "\n")

    # -- before the build --------------------------------------------------------------

    @classmethod
    def bad_tag(cls, c: Ctx, tag: str, problem: str) -> dialect.FakeError:
        return dialect.FakeError(f"Error: tag {tag}: {problem}\n", _FAILED)

    @classmethod
    def not_a_directory(cls, context: str, root: str) -> dialect.FakeError:
        return dialect.FakeError(f'Error: context must be a directory: "{context}"\n', _FAILED)

    @classmethod
    def dockerfile_candidates(cls, given: str, root: str) -> list[str]:
        """A relative ``-f`` is looked for in the context first; without one, a
        Containerfile before a Dockerfile."""
        if given:
            if os.path.isabs(given):
                return [given]
            return [os.path.join(root, given), os.path.abspath(given)]
        return [os.path.join(root, "Containerfile"), os.path.join(root, "Dockerfile")]

    @classmethod
    def no_dockerfile(cls, missing: str) -> dialect.FakeError:
        return dialect.FakeError(f"Error: stat {missing}: no such file or directory\n", _FAILED)


def build(c: Ctx) -> int:
    """``podman build``."""
    return builder.build(c, Buildah)
