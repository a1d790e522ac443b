"""Image references (docker's distribution/reference grammar) and object lookups in state."""

from __future__ import annotations

from dockercli.fake import dialect

TYPE_CHECKING = False
if TYPE_CHECKING:
    from dockercli.fake.records import Container, State

_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
_TAG = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-")
_HEX = frozenset("0123456789abcdef")


def is_hex(text: str) -> bool:
    """True for a non-empty lowercase hex string."""
    return bool(text) and set(text) <= _HEX


def split(ref: str) -> tuple[str, str, str]:
    """(name, tag, digest) of a reference; tag and digest may be empty."""
    name, _, digest = ref.partition("@")
    colon = name.rfind(":")
    if colon > name.rfind("/"):
        return name[:colon], name[colon + 1 :], digest
    return name, "", digest


def _domain_split(name: str) -> tuple[str, str]:
    first, slash, rest = name.partition("/")
    if slash and ("." in first or ":" in first or first == "localhost" or first.lower() != first):
        return first, rest
    return "", name


def _component_ok(part: str) -> bool:
    if not part or part[0] not in _ALNUM or part[-1] not in _ALNUM:
        return False
    sep = ""
    for ch in part:
        if ch in _ALNUM:
            if sep and sep not in (".", "_", "__") and set(sep) != {"-"}:
                return False
            sep = ""
        else:
            sep += ch
    return True


def check(ref: str) -> str:  # noqa: PLR0911 - one return per case keeps the mapping readable
    """ "" for a valid reference, else the error text docker 20.10 / podman use.

    docker 28 names the repository in the lowercase error: see ``lowercase_detail``.
    """
    if not ref or len(ref) > 255 or ref != ref.strip():
        return "invalid reference format"
    name, tag, digest = split(ref)
    domain, remainder = _domain_split(name)
    if remainder.lower() != remainder:
        return "invalid reference format: repository name must be lowercase"
    if domain:
        host = domain.rsplit(":", 1)[0] if domain.count(":") == 1 else domain
        port = domain.split(":", 1)[1] if domain.count(":") == 1 else ""
        if (
            not host
            or not all(c.isalnum() or c in ".-" for c in host)
            or (port and not port.isdigit())
        ):
            return "invalid reference format"
    if not all(_component_ok(p) for p in remainder.split("/")):
        return "invalid reference format"
    if tag and (len(tag) > 128 or not set(tag) <= _TAG or tag[0] in ".-"):
        return "invalid reference format"
    if digest:
        algo, _, hexpart = digest.partition(":")
        if not algo or len(hexpart) < 32 or not is_hex(hexpart):
            return "invalid reference format"
    return ""


def lowercase_detail(ref: str) -> str:
    """docker 28's wording: ``repository name (library/Bad) must be lowercase``."""
    domain, remainder = _domain_split(split(ref)[0])
    if not domain and "/" not in remainder:
        remainder = "library/" + remainder
    return f"invalid reference format: repository name ({remainder}) must be lowercase"


def error_text(d: dialect.Dialect, ref: str) -> str:
    """The invalid-reference message of a dialect (podman drops the prefix)."""
    text = check(ref)
    if not text:
        return ""
    if text.endswith("lowercase"):
        return d.lowercase_reference(text, lowercase_detail(ref))
    return text


def normalize(d: dialect.Dialect, ref: str) -> str:
    """The key a tag is stored under: familiar name with a tag (``web:latest``)."""
    name, tag, digest = split(ref)
    for prefix in ("docker.io/library/", "index.docker.io/library/", "docker.io/"):
        if name.startswith(prefix):
            name = name[len(prefix) :]
            break
    if d.local_registry and name.startswith(d.local_registry + "/"):
        name = name[len(d.local_registry) + 1 :]
    if digest:
        return f"{name}@{digest}"
    return f"{name}:{tag or 'latest'}"


def display(d: dialect.Dialect, key: str) -> str:
    """How a stored tag is shown: podman qualifies local names with ``localhost/``."""
    if not d.local_registry:
        return key
    first = key.split("/", 1)[0]
    if "/" in key and ("." in first or ":" in first or first == "localhost"):
        return key
    return "localhost/" + key


def find_image(d: dialect.Dialect, state: State, ref: str) -> str:
    """The ID (64 hex) of the image ``ref`` names, or "" when there is none."""
    if not ref:
        return ""
    images = state["images"]
    if not check(ref):
        found: str = state["tags"].get(normalize(d, ref), "")
        if found:
            return found
    bare = ref[len("sha256:") :] if ref.startswith("sha256:") else ref
    if is_hex(bare):
        if bare in images:
            return bare
        matches = [i for i in images if i.startswith(bare)]
        if len(matches) == 1:
            return str(matches[0])
    return ""


def find_container(containers: dict[str, Container], ref: str) -> str:
    """The ID of the container among ``containers`` named or identified by ``ref`` ("" when
    none).

    Raises FakeError when an ID prefix matches several containers (docker's wording).
    """
    if not ref:
        return ""
    if ref in containers:
        return ref
    name = ref[1:] if ref.startswith("/") else ref
    for cid, c in containers.items():
        if c["name"] == name:
            return str(cid)
    if is_hex(ref):
        matches = [cid for cid in containers if cid.startswith(ref)]
        if len(matches) == 1:
            return str(matches[0])
        if len(matches) > 1:
            raise dialect.FakeError(
                dialect.daemon(f"Multiple IDs found with provided prefix: {ref}\n")
            )
    return ""


def glob(pattern: str, text: str) -> bool:
    """path.Match-style ``*`` and ``?`` (neither crosses ``/``), without ``re``."""
    if not pattern:
        return not text
    head = pattern[0]
    if head == "*":
        for i in range(len(text) + 1):
            if "/" in text[:i]:
                break
            if glob(pattern[1:], text[i:]):
                return True
        return False
    if not text:
        return False
    if head == "?":
        return text[0] != "/" and glob(pattern[1:], text[1:])
    return head == text[0] and glob(pattern[1:], text[1:])
