"""atheris (coverage-guided) fuzzing of every text parser: any bytes in, a value or ParseError out.

Run by ``tests/fuzz/test_fuzz.py`` (``make test-slow``, and CI) over a corpus of the
recorded CLI output; by hand::

    python tests/fuzz/fuzz_parsers.py -runs=100000 CORPUS_DIR

Each input goes through the same checks as the Hypothesis properties
(``tests/parser_checks.py``): any exception other than ParseError, or a parse result of
the wrong shape, is a crash; atheris prints the input and exits non-zero.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the repo, for `tests`

with atheris.instrument_imports():
    from dockercli import parsers

from tests import parser_checks as checks


def one_input(data: bytes) -> None:
    """Every text check on the input; build_image_id also gets it split into two streams."""
    text = data.decode("utf-8", errors="replace")
    half = len(text) // 2
    checks.check_build(text[:half], text[half:])
    checks.check_build(text, "")
    checks.check_port_mappings(text)
    checks.check_lists(text)
    checks.check_engine(text)
    checks.check_classify(("docker", "run"), 125, "", text)
    checks.check_classify(("docker", "build", "."), 1, text[:half], text[half:])
    for doc in checks.total(parsers.inspect_list, text) or []:
        checks.check_container(doc)  # also picks a port mapping from what it parsed
        checks.check_image(doc)


def main() -> None:
    """atheris's command line (libFuzzer flags such as -runs=N, then corpus directories)."""
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
