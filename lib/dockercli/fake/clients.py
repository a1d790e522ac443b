"""The clients the fake imitates, by name: the bottom of the fake's imports."""

from __future__ import annotations

DOCKER28 = "docker-28"
DOCKER20 = "docker-20.10"
PODMAN = "podman"
DIALECTS = (DOCKER28, DOCKER20, PODMAN)
