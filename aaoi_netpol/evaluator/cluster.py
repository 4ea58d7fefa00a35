"""The modelled world the engine evaluates against: namespaces, pods and addresses outside the pod network."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from aaoi_netpol.evaluator.addresses import IpAddress, parse_address

NAME_LABEL = "kubernetes.io/metadata.name"
PROTOCOLS = ("TCP", "UDP", "SCTP")


class Labels(Mapping[str, str]):
    """An immutable, hashable label map."""

    __slots__ = ("_items", "_map")

    def __init__(self, labels: Mapping[str, str] | None = None) -> None:
        self._map = dict(labels or {})
        self._items = frozenset(self._map.items())

    def __getitem__(self, key: str) -> str:
        return self._map[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._map)

    def __len__(self) -> int:
        return len(self._map)

    def __hash__(self) -> int:
        return hash(self._items)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Mapping) and self._map == dict(other)

    def __repr__(self) -> str:
        return repr(self._map)


@dataclass(frozen=True)
class Namespace:
    """A namespace; it always carries ``kubernetes.io/metadata.name: <name>`` (the API server sets it)."""

    name: str
    labels: Mapping[str, str] = field(default_factory=Labels)

    def __post_init__(self) -> None:
        object.__setattr__(self, "labels", Labels({**self.labels, NAME_LABEL: self.name}))


@dataclass(frozen=True)
class ContainerPort:
    """A declared container port: optional name, number and protocol."""

    name: str | None
    number: int
    protocol: str = "TCP"


@dataclass(frozen=True)
class Pod:
    """A pod in ``namespace`` (a name) with labels and the container ports named ports resolve against."""

    name: str
    namespace: str
    labels: Mapping[str, str] = field(default_factory=Labels)
    container_ports: tuple[ContainerPort, ...] = ()
    _hash: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "labels", Labels(self.labels))
        object.__setattr__(self, "container_ports", tuple(self.container_ports))
        object.__setattr__(self, "_hash", hash((self.name, self.namespace, self.labels, self.container_ports)))

    def __hash__(self) -> int:  # computed once: pods key the evaluator's caches
        return self._hash

    def __str__(self) -> str:
        return f"pod {self.namespace}/{self.name}"


@dataclass(frozen=True)
class Address:
    """Something outside the pod network, at one IP address (IPv4-mapped IPv6 counts as IPv4)."""

    name: str
    ip: str
    parsed: IpAddress = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "parsed", parse_address(self.ip, f"address {self.name}"))

    def __str__(self) -> str:
        return f"{self.name} ({self.ip})" if self.name != self.ip else self.ip


Endpoint = Pod | Address


@dataclass(frozen=True)
class Cluster:
    """Namespaces by name, pods and external addresses; a pod's namespace need not be listed."""

    namespaces: Mapping[str, Namespace]
    pods: tuple[Pod, ...] = ()
    addresses: tuple[Address, ...] = ()

    def namespace(self, name: str) -> Namespace:
        """The modelled namespace, or a brand-new one whose only label is its name."""
        return self.namespaces.get(name) or Namespace(name)


def build_cluster(namespaces: Iterable[Namespace] = (), pods: Iterable[Pod] = (),
                  addresses: Iterable[Address] = ()) -> Cluster:
    return Cluster({namespace.name: namespace for namespace in namespaces}, tuple(pods), tuple(addresses))
