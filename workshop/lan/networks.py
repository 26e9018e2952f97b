"""The laptop's network interfaces, by name and address, for the facilitator to choose where phones reach it.

Only IPv4 addresses: phones on a room's Wi-Fi or a laptop's hotspot reach the laptop by one, and an IPv4
address is short enough to read off a projector.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

import ifaddr

from workshop.wording import tr


@dataclass(frozen=True)
class Network:
    name: str  # as the system names the interface: "wlan0", "Wi-Fi", "lo"
    address: str  # "192.168.1.5"

    @property
    def loopback(self) -> bool:
        return ipaddress.IPv4Address(self.address).is_loopback

    @property
    def public(self) -> bool:
        """Gives whether the address may be reached from the internet: not private, loopback or link-local."""
        address = ipaddress.IPv4Address(self.address)
        return not (address.is_private or address.is_loopback or address.is_link_local)

    @property
    def label(self) -> str:
        if self.loopback:
            return tr("This laptop only (for trying it out) — {address}").format(address=self.address)
        if self.public:
            return tr("{name} — {address} (public address)").format(name=self.name, address=self.address)
        return f"{self.name} — {self.address}"


# Interfaces of virtual machines, containers and VPNs: phones in the room never reach the laptop there.
VIRTUAL_NAMES = (
    "docker",
    "br-",
    "veth",
    "virbr",
    "vmnet",
    "vboxnet",
    "vethernet",
    "tun",
    "tap",
    "utun",
    "wg",
    "zt",
    "tailscale",
    "lxc",
    "podman",
    "cni",
    "flannel",
    "awdl",
    "llw",
    "bridge",
)


def networks() -> tuple[Network, ...]:
    """Gives every IPv4 address of the laptop, the likely room network first: Wi-Fi and Ethernet before
    virtual ones, home and hotspot ranges (192.168.x) before others; public ones then, loopback last."""
    found = {
        Network(adapter.nice_name, str(ip.ip))
        for adapter in ifaddr.get_adapters()
        for ip in adapter.ips
        if isinstance(ip.ip, str) and not ipaddress.IPv4Address(ip.ip).is_link_local
    }
    return tuple(sorted(found, key=_likely_room_first))


def _likely_room_first(network: Network) -> tuple[bool, bool, bool, bool, str, str]:
    virtual = network.name.casefold().startswith(VIRTUAL_NAMES)
    return (
        network.loopback,
        network.public,
        virtual,
        not network.address.startswith("192.168."),
        network.name,
        network.address,
    )


def checked_address(address: str) -> Network:
    """Gives the laptop's network with this address; refuses one the laptop does not have, or "all
    interfaces" (0.0.0.0), which would serve ballots wherever the laptop is connected."""
    try:
        wanted = str(ipaddress.IPv4Address(address.strip()))
    except ValueError:
        raise ValueError(
            tr("{address!r} is not an IPv4 address such as 192.168.1.5.").format(address=address)
        ) from None
    known = {network.address: network for network in networks()}
    if wanted not in known:
        choices = ", ".join(network.address for network in known.values())
        raise ValueError(
            tr("this laptop has no network with the address {address}; it has: {choices}.").format(
                address=wanted, choices=choices
            )
        )
    return known[wanted]
