"""atheris (coverage-guided) fuzzing of every text parser: any bytes in, a value or ParseError out.

Run by ``tests/fuzz/test_fuzz.py`` (``make test-slow``, and CI) over a corpus of the
recorded CLI output; by hand::

    python tests/fuzz/fuzz_parsers.py -runs=100000 CORPUS_DIR

Any exception other than ParseError (and NoPortMappingError, a LookupError the API
documents) is a crash: atheris prints the input and exits non-zero.
"""

from __future__ import annotations

import contextlib
import sys
from typing import Any

import atheris

with atheris.instrument_imports():
    from dockercli import parsers
    from dockercli.errors import ParseError
    from dockercli.models import ContainerInfo, ImageInfo

ALLOWED = (ParseError, parsers.NoPortMappingError)


def _inspected(text: str) -> None:
    for doc in parsers.inspect_list(text):
        for build in (ContainerInfo.from_inspect, ImageInfo.from_inspect):
            try:
                info: Any = build(doc)
            except ALLOWED:
                continue
            if isinstance(info, ContainerInfo) and info.ports:
                parsers.choose_mapping(info.ports)


TEXT_PARSERS = (
    parsers.port_mappings,
    _inspected,
    parsers.json_object,
    parsers.ps_entries,
    parsers.image_entries,
    parsers.version_info,
    parsers.info_server_version,
    parsers.container_id,
    parsers.exit_code,
)


def one_input(data: bytes) -> None:
    """Feed the input to every parser; build_image_id gets it split into stdout and stderr."""
    text = data.decode("utf-8", errors="replace")
    half = len(text) // 2
    parsers.build_image_id(text[:half], text[half:])
    parsers.build_image_id(text)
    for parse in TEXT_PARSERS:
        with contextlib.suppress(*ALLOWED):
            parse(text)


def main() -> None:
    """atheris's command line (libFuzzer flags such as -runs=N, then corpus directories)."""
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
