"""``build``: Dockerfile handling, cache-stable IDs, failures, iidfile, -q, labels, build args."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tests.fake.conftest import DOCKERFILE_OK, Fake
else:  # pytest puts this directory on sys.path (no __init__.py here)
    from conftest import DOCKERFILE_OK, Fake


def _inspect(fake: Fake, ref: str) -> dict[str, object]:
    doc: dict[str, object] = json.loads(fake.ok("image", "inspect", ref))[0]
    return doc


def test_same_inputs_same_image_id(fake: Fake) -> None:
    """Rebuilding the same context gives the same ID and reports every step as cached."""
    ctx = fake.context()
    first = fake.ok("build", "-q", str(ctx)).strip()
    out = fake.ok("build", "-t", "again", str(ctx))
    assert out.count(" ---> Using cache\n") == 5
    assert f"Successfully built {first[7:19]}\n" in out
    assert out.endswith("Successfully tagged again:latest\n")


def test_changed_file_changes_the_id(fake: Fake) -> None:
    """A different COPY source gives a different image ID."""
    ctx = fake.context()
    first = fake.ok("build", "-q", str(ctx))
    (ctx / "build-id").write_text("changed\n")
    assert fake.ok("build", "-q", str(ctx)) != first


def test_no_cache_builds_anew(fake: Fake) -> None:
    """``--no-cache`` prints no cache hits and makes a new image."""
    ctx = fake.context()
    first = fake.ok("build", "-q", str(ctx))
    out = fake.ok("build", "--no-cache", str(ctx))
    assert "Using cache" not in out
    assert first[7:19] not in out.splitlines()[-1]


def test_iidfile_has_no_newline(any_fake: Fake) -> None:
    """``--iidfile`` holds ``sha256:<64 hex>`` without a newline, in every dialect."""
    iid = any_fake.root / "iid"
    any_fake.ok("build", f"--iidfile={iid}", "--tag=web:1", str(any_fake.context()))
    content = iid.read_text()
    assert content.startswith("sha256:")
    assert len(content) == 71
    assert (
        any_fake.ok("image", "inspect", "web:1", "--format", "{{.Id}}")
        .strip()
        .endswith(content[7:])
    )


def test_quiet_prints_only_the_id(any_fake: Fake) -> None:
    """``-q`` prints the ID only (docker: ``sha256:``-prefixed; podman: bare)."""
    out = any_fake.ok("build", "--quiet", str(any_fake.context())).strip()
    assert len(out.splitlines()) == 1
    assert out.startswith("sha256:") != (any_fake.dialect == "podman")


def test_docker28_prints_the_legacy_builder_notice(fake: Fake) -> None:
    """docker 28 warns on stderr that the legacy builder is deprecated (reworded for BUILDKIT=0)."""
    done = fake.run("build", "-q", str(fake.context()))
    assert done.stderr.startswith(b"DEPRECATED: The legacy builder is deprecated")
    assert b"Install the buildx component" in done.stderr
    done = fake.run("build", "-q", str(fake.context()), env={"DOCKER_BUILDKIT": "0"})
    assert b"BuildKit is currently disabled" in done.stderr
    assert fake.with_dialect("docker-20.10").run("build", "-q", str(fake.context())).stderr == b""


def test_config_instructions_land_in_the_image(fake: Fake) -> None:
    """LABEL/ENV/EXPOSE/CMD/ENTRYPOINT/WORKDIR/USER/HEALTHCHECK/STOPSIGNAL shape the config."""
    dockerfile = """\
FROM scratch
ARG VERSION=1.0
ENV APP_HOME=/srv/app MODE="fast mode"
LABEL org.example.version=$VERSION \\
      org.example.name="web app"
WORKDIR $APP_HOME
WORKDIR data
USER 1000:1000
EXPOSE 80 53/udp
HEALTHCHECK --interval=5s --retries=2 CMD curl -f http://localhost/
STOPSIGNAL SIGINT
ENTRYPOINT ["/bin/server"]
CMD ["--port", "80"]
"""
    fake.ok(
        "build",
        "-t",
        "cfg",
        "--build-arg",
        "VERSION=2.0",
        "--label",
        "extra=yes",
        str(fake.context("cfg", dockerfile)),
    )
    cfg = _inspect(fake, "cfg")["Config"]
    assert isinstance(cfg, dict)
    assert cfg["Env"] == [
        "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        "APP_HOME=/srv/app",
        "MODE=fast mode",
    ]
    assert cfg["Labels"] == {
        "extra": "yes",
        "org.example.name": "web app",
        "org.example.version": "2.0",
    }
    assert cfg["WorkingDir"] == "/srv/app/data"
    assert cfg["User"] == "1000:1000"
    assert cfg["ExposedPorts"] == {"53/udp": {}, "80/tcp": {}}
    assert cfg["Entrypoint"] == ["/bin/server"]
    assert cfg["Cmd"] == ["--port", "80"]
    assert cfg["Healthcheck"] == {
        "Test": ["CMD-SHELL", "curl -f http://localhost/"],
        "Retries": 2,
        "Interval": 5_000_000_000,
    }
    assert cfg["StopSignal"] == "SIGINT"


def test_build_label_adds_a_final_label_step(fake: Fake) -> None:
    """The legacy builder turns ``--label`` into one more LABEL step."""
    out = fake.ok("build", "--label", "a=1", str(fake.context()))
    assert "Step 7/7 : LABEL \"a\"='1' \n" in out


def test_unused_build_arg_warning(fake: Fake) -> None:
    """A build arg that no ARG consumes is reported, by name only."""
    out = fake.ok("build", "--build-arg", "TOKEN", str(fake.context()), env={"TOKEN": "secret"})
    assert "[Warning] One or more build-args [TOKEN] were not consumed\n" in out
    assert "secret" not in out


def test_build_arg_reaches_run(fake: Fake) -> None:
    """ARG values are visible to RUN steps (the shell expands them)."""
    dockerfile = 'FROM scratch\nARG GREETING\nRUN echo "say $GREETING"\n'
    out = fake.ok("build", "--build-arg=GREETING=hi", str(fake.context("arg", dockerfile)))
    assert "say hi\n" in out


def test_run_false_fails_the_build(any_fake: Fake) -> None:
    """``RUN false`` fails with the builder's message and exit code 1."""
    done = any_fake.run("build", str(any_fake.context("f", "FROM scratch\nRUN false\n")))
    assert done.returncode == 1
    want = (
        b'Error: building at STEP "RUN false": while running runtime: exit status 1\n'
        if any_fake.dialect == "podman"
        else b"The command '/bin/sh -c false' returned a non-zero code: 1\n"
    )
    assert done.stderr.endswith(want)


def test_run_exec_form_failure_names_the_command(fake: Fake) -> None:
    """A failing exec-form RUN is reported with its argv joined by blanks."""
    done = fake.run("build", str(fake.context("x", 'FROM scratch\nRUN ["sh", "-c", "exit 7"]\n')))
    assert done.returncode == 7
    assert done.stderr.endswith(b"The command 'sh -c exit 7' returned a non-zero code: 7\n")


def test_from_an_image_in_the_fake(fake: Fake) -> None:
    """``FROM <local image>`` starts from that image's config and ID."""
    base = fake.base_image()
    out = fake.ok(
        "build", "-t", "child", str(fake.context("child", "FROM dcli-rec-base:latest\nENV X=1\n"))
    )
    assert f"Step 1/2 : FROM dcli-rec-base:latest\n ---> {base[:12]}\n" in out
    cfg = _inspect(fake, "child")["Config"]
    assert isinstance(cfg, dict)
    assert cfg["Cmd"] == ["httpd", "-f", "-p", "8080"]
    assert "X=1" in cfg["Env"]


def test_from_an_unknown_image_fails_like_a_pull(fake: Fake) -> None:
    """``FROM`` an image the fake does not have fails like an offline pull."""
    done = fake.run("build", str(fake.context("u", "FROM nosuch/image:1\nRUN true\n")))
    assert done.returncode == 1
    assert b"Step 1/2 : FROM nosuch/image:1\n" in done.stdout
    assert done.stderr.endswith(b"no such host\n")


def test_multi_stage_and_target(fake: Fake) -> None:
    """Stages can be named, copied from, and ``--target`` stops at one."""
    dockerfile = """\
FROM scratch AS build
COPY busybox /out/app
LABEL stage=build
FROM scratch AS final
COPY --from=build /out/app /app
LABEL stage=final
"""
    ctx = fake.context("ms", dockerfile)
    fake.ok("build", "-t", "final", str(ctx))
    fake.ok("build", "-t", "early", "--target", "build", str(ctx))
    labels = {t: _inspect(fake, t)["Config"]["Labels"] for t in ("final", "early")}  # type: ignore[index]
    assert labels == {"final": {"stage": "final"}, "early": {"stage": "build"}}


def test_copy_glob_without_matches(fake: Fake) -> None:
    """A COPY glob that matches nothing fails like the legacy builder."""
    done = fake.run("build", str(fake.context("g", "FROM scratch\nCOPY *.txt /\n")))
    assert (done.returncode, done.stderr.splitlines()[-1]) == (
        1,
        b"COPY failed: no source files were specified",
    )


def test_dockerfile_flag_and_podman_containerfile(any_fake: Fake) -> None:
    """``-f`` picks another Dockerfile; podman also finds a Containerfile."""
    ctx = any_fake.context("f", None)
    (ctx / "Other.dockerfile").write_text("FROM scratch\nLABEL which=other\n")
    any_fake.ok("build", "-t", "o", "-f", str(ctx / "Other.dockerfile"), str(ctx))
    if any_fake.dialect == "podman":
        (ctx / "Containerfile").write_text("FROM scratch\nLABEL which=containerfile\n")
        any_fake.ok("build", "-t", "c", str(ctx))
        assert _inspect(any_fake, "c")["Labels"]["which"] == "containerfile"  # type: ignore[index]


def test_build_context_with_subdirectories(fake: Fake) -> None:
    """COPY of a directory copies what is under it; the context size counts every file."""
    ctx = fake.context("dirs", "FROM scratch\nCOPY conf /etc/conf\n")
    (ctx / "conf").mkdir()
    (ctx / "conf" / "a.ini").write_text("a=1\n")
    out = fake.ok("build", str(ctx))
    assert out.startswith("Sending build context to Docker daemon  1.988MB\r\r\n")


def test_bad_tag_is_a_usage_error(fake: Fake) -> None:
    """An uppercase tag is refused before anything is sent (exit 125)."""
    done = fake.run("build", "-t", "Bad:Tag", str(fake.context()))
    assert done.returncode == 125
    assert b'invalid argument "Bad:Tag" for "-t, --tag" flag' in done.stderr


def test_images_from_build_have_dockerfile_ok_shape(fake: Fake) -> None:
    """The recorder's Dockerfile builds into an image with its label, port and command."""
    fake.ok("build", "-t", "rec", str(fake.context("rec", DOCKERFILE_OK)))
    doc = _inspect(fake, "rec")
    assert doc["RepoTags"] == ["rec:latest"]
    assert doc["Config"]["ExposedPorts"] == {"8080/tcp": {}}  # type: ignore[index]
