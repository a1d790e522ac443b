"""Build progress: a live line on a terminal, plain lines elsewhere, nothing when quiet."""

from __future__ import annotations

import io

import pytest

from dockercli.progress import Progress, step_of
from tests.recordings import recordings


@pytest.mark.parametrize(
    ("line", "step"),
    [
        ("Step 3/7 : RUN echo hi", "Step 3/7: RUN echo hi"),
        ("STEP 2/4: COPY busybox /bin/busybox", "Step 2/4: COPY busybox /bin/busybox"),
        ("#5 [2/3] RUN echo hi", "#5 [2/3] RUN echo hi"),
        ("#5 sha256:" + "a" * 64, None),
        (" ---> Running in 0123456789ab", None),
    ],
)
def test_step_of(line: str, step: str | None) -> None:
    """Legacy, podman and BuildKit step lines are recognised; other lines are not steps."""
    assert step_of(line) == step


def test_plain_lines_without_a_terminal() -> None:
    """Without a terminal every line is printed as it comes."""
    out = io.StringIO()
    progress = Progress(out, tty=False)
    progress("Step 1/2 : FROM scratch")
    progress(" ---> abc")
    assert out.getvalue() == "Step 1/2 : FROM scratch\n ---> abc\n"


def test_one_live_line_on_a_terminal() -> None:
    """On a terminal the line is redrawn in place with elapsed time and the current step."""
    out = io.StringIO()
    progress = Progress(out, tty=True)
    for line in next(
        r for r in recordings("build-ok") if r.client == "docker-20.10.24"
    ).stdout.splitlines():
        progress(line)
    progress.done("built")
    text = out.getvalue()
    assert text.count("\n") == 1  # only the final message ends a line
    assert '] Step 6/6: CMD ["httpd", "-f", "-p", "8080"]' in text
    assert text.endswith("s)\n")


def test_quiet_prints_nothing() -> None:
    """-q silences progress and the final message."""
    out = io.StringIO()
    progress = Progress(out, quiet=True)
    progress("Step 1/1 : FROM scratch")
    progress.done("built")
    assert out.getvalue() == ""
