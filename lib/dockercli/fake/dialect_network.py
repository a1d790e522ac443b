"""How each client speaks of networks: the engine's own, their list, and user networks.

Mixed into the dialect objects of ``dialect.py`` (``Dialect`` takes :class:`NetworkWords`,
docker 20.10 :class:`Docker20NetworkWords`, podman :class:`PodmanNetworkWords`), so a
handler asks ``c.d`` as for any other wording. Wordings were copied from docker 28.2.2
and 20.10.24 against a 20.10 engine and from podman 4.3.1 (tests/data).
"""

from __future__ import annotations

from dockercli.fake.failure import FakeError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from dockercli.fake.records import Container, Network

_DAEMON = "Error response from daemon: "


class NetworkWords:
    """docker's (the 20.10 engine's daemon messages, docker 28's client)."""

    # (name, driver) of the networks an engine starts with, in the order the client lists them
    own_networks: tuple[tuple[str, str], ...] = (
        ("bridge", "bridge"),
        ("host", "host"),
        ("none", "null"),
    )
    network_filters: tuple[str, ...] = (
        "dangling",
        "driver",
        "id",
        "label",
        "name",
        "scope",
        "type",
    )
    network_filter_error = ""  # podman's sentence for a filter it lacks ("" for docker's)
    network_table = "table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Scope}}"
    network_context = "*formatter.networkContext"  # the Go type template errors name
    lists_network_ipv4 = False  # the rows have an IPv4 column

    # The default bridge's subnet, and whether a network created with a subnet but no
    # gateway records one anyway (docker's engine leaves it out; podman takes the first).
    default_bridge_subnet = "172.17.0.0/16"
    names_gateway_itself = False
    # docker 28's client refuses --network-alias off a user network; the 20.10 engine
    # drops it there, podman keeps it on its own network
    refuses_bridge_alias = False
    numbers_bridges = False  # podman names a new network's bridge podmanN (docker: br-<id>)
    network_rm_needs_unused = False  # podman refuses while any container is on it
    # podman 4.3 checks for containers only when the network is named, not given by ID
    # (tests/data/podman-4.3.1/network-rm-in-use-by-id)
    network_rm_by_id_unchecked = False
    # podman's network inspect templates name its Go fields (.ID, .Subnets), not the JSON
    # keys it prints, and its network rm --force removes the containers: not modelled
    network_templates_name_go_fields = False
    network_rm_force_removes_containers = False
    network_create_code = 1
    # A failed network rm: docker 28 ends with its own "exit status 1" line.
    rm_status_line = ""

    def network_quiet(self, net: dict[str, Any], trunc: bool) -> str:
        """What ``network ls -q`` prints of a network (docker: its ID)."""
        return str(net["id"][: 12 if trunc else 64])

    def network_pools(self) -> list[str]:
        """The subnets the engine hands out to new networks, in order."""
        return [f"172.{n}.0.0/16" for n in range(18, 32)] + [
            f"192.168.{n}.0/20" for n in range(0, 256, 16)
        ]

    def pools_exhausted(self) -> str:
        return (
            _DAEMON + "could not find an available, non-overlapping IPv4 address pool among "
            "the defaults to assign to the network\n"
        )

    def network_created(self, net: Network) -> str:
        """What ``network create`` prints: the ID (podman: the name)."""
        return net["id"]

    def network_name_in_use(self, name: str) -> FakeError:
        return FakeError(f"{_DAEMON}network with name {name} already exists\n", 1)

    def bad_subnet(self, subnet: str) -> FakeError:
        return FakeError(f"{_DAEMON}Invalid subnet {subnet} : invalid CIDR address: {subnet}\n", 1)

    def subnet_overlaps(self, subnet: str, other: str) -> FakeError:
        return FakeError(f"{_DAEMON}Pool overlaps with other one on this address space\n", 1)

    def gateway_without_subnet(self) -> FakeError:
        return FakeError("every ip-range or gateway must have a corresponding subnet\n", 1)

    def no_such_network(self, ref: str, command: str) -> FakeError:
        """A network ``ref`` names does not exist (inspect, rm, connect, disconnect)."""
        return FakeError(f"{_DAEMON}network {ref} not found\n", 1)

    def already_connected(self, ctr: Container, net: Network) -> FakeError:
        return FakeError(
            f"{_DAEMON}endpoint with name {ctr['name']} already exists in network {net['name']}\n",
            1,
        )

    def not_connected(self, ref: str, ctr: Container, net: Network) -> FakeError:
        """``network disconnect`` of a container (``ref`` as typed) not on the network."""
        return FakeError(
            f"{_DAEMON}container {ctr['id']} is not connected to network {net['name']}\n", 1
        )

    def address_outside(self, ip: str, net: Network) -> FakeError:
        return FakeError(
            f"{_DAEMON}Invalid address {ip}: It does not belong to any of this network's subnets\n",
            1,
        )

    def network_in_use(self, net: Network) -> FakeError:
        return FakeError(
            f"{_DAEMON}error while removing network: network {net['name']} id {net['id']} "
            "has active endpoints\n",
            1,
        )

    def own_network_rm(self, ref: str) -> FakeError:
        return FakeError(f"{_DAEMON}{ref} is a pre-defined network and cannot be removed\n", 1)


class Docker20NetworkWords(NetworkWords):
    """docker 20.10's client words a missing network itself (inspect, rm)."""

    def no_such_network(self, ref: str, command: str) -> FakeError:
        if command in ("inspect", "rm"):  # looked up by the client first
            return FakeError(f"Error: No such network: {ref}\n", 1)
        return super().no_such_network(ref, command)


class PodmanNetworkWords(NetworkWords):
    """podman 4.3.1 (netavark)."""

    own_networks = (("podman", "bridge"),)
    network_filters = ("dangling", "driver", "id", "label", "name", "until")
    network_filter_error = 'Error: invalid filter "{}"'
    network_table = "table {{.ID}}\t{{.Name}}\t{{.Driver}}"
    network_context = ""
    # podman's flags of the network commands (its dialect's flag_specs take them in)
    network_flag_specs = {  # noqa: RUF012 - read-only class data
        "network create": "disable-dns! d,driver= gateway* interface-name= internal! "
        "ip-range* ipam-driver= ipv6! label* o,opt* subnet*",
        "network connect": "alias* ip= ip6= mac-address=",
        "network rm": "f,force! t,time#",
    }
    default_bridge_subnet = "10.88.0.0/16"
    names_gateway_itself = True
    numbers_bridges = True
    network_rm_needs_unused = True
    network_rm_by_id_unchecked = True
    network_templates_name_go_fields = True
    network_rm_force_removes_containers = True
    network_create_code = 125

    def network_quiet(self, net: dict[str, Any], trunc: bool) -> str:
        return str(net["name"])

    def network_pools(self) -> list[str]:
        return [f"10.89.{n}.0/24" for n in range(256)]

    def pools_exhausted(self) -> str:
        return "Error: could not find free subnet from subnet pools\n"

    def network_created(self, net: Network) -> str:
        return net["name"]

    def network_name_in_use(self, name: str) -> FakeError:
        return FakeError(f"Error: network name {name} already used: network already exists\n", 125)

    def bad_subnet(self, subnet: str) -> FakeError:
        return FakeError(f"Error: invalid CIDR address: {subnet}\n", 125)

    def subnet_overlaps(self, subnet: str, other: str) -> FakeError:
        return FakeError(
            f"Error: subnet {subnet} is already used on the host or by another config\n", 125
        )

    def gateway_without_subnet(self) -> FakeError:
        return FakeError("Error: cannot set gateway or range without subnet\n", 125)

    def no_such_network(self, ref: str, command: str) -> FakeError:
        said = f"unable to find network with name or ID {ref}: network not found"
        if command == "inspect":
            return FakeError(f"Error: inspecting object: network {ref}: {said}\n", 125)
        return FakeError(f"Error: {said}\n", 1 if command == "rm" else 125)

    def already_connected(self, ctr: Container, net: Network) -> FakeError:
        return FakeError(
            f"Error: container {ctr['id']} is already connected to network "
            f'"{net["name"]}": network is already connected\n',
            125,
        )

    def not_connected(self, ref: str, ctr: Container, net: Network) -> FakeError:
        return FakeError(f"Error: container {ref} is not connected to network {net['name']}\n", 125)

    def address_outside(self, ip: str, net: Network) -> FakeError:
        return FakeError(
            f"Error: requested static ip {ip} not in any subnet on network {net['name']}\n", 125
        )

    def network_in_use(self, net: Network) -> FakeError:
        return FakeError(
            f'Error: "{net["name"]}" has associated containers with it. Use -f to forcibly '
            "delete containers and pods: network is being used\n",
            2,
        )

    def own_network_rm(self, ref: str) -> FakeError:
        return FakeError(f"Error: default network {ref} cannot be removed\n", 125)
