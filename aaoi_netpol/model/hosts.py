"""Hosts and ports AAOI's values name: anmUrl/apimgrUrl/elasticsearchHosts, and the release's own services."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from aaoi_netpol.model.switches import Values, deployed
from aaoi_netpol.value_path import lookup

_GROUP_PREFIX = re.compile(r"^[^|]*\|")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")
_PATH = re.compile(r"[/?#].*$", re.DOTALL)
_USERINFO = re.compile(r"^.*@", re.DOTALL)
_PORT = re.compile(r":([0-9]+)$")


def url_items(value: Any) -> list[str]:
    """The URLs of a setting: comma-separated, each optionally prefixed ``group|`` (AAOI's multi-manager form)."""
    if not isinstance(value, str):
        return []
    urls = []
    for part in value.split(","):
        url = _GROUP_PREFIX.sub("", part.strip(), count=1).strip()
        if url:
            urls.append(url)
    return urls


def url_ports(settings: Iterable[Any]) -> tuple[list[int], bool]:
    """Explicit ports of the URLs in the settings, and whether one URL has none (then no port restriction).

    Read the way the overlay reads them (``aaoi-netpol.urlPorts``): scheme, path and user info stripped, the
    port is the digits after the last colon.
    """
    numbers: list[int] = []
    unrestricted = False
    for setting in settings:
        for url in url_items(setting):
            host_port = _USERINFO.sub("", _PATH.sub("", _SCHEME.sub("", url)))
            found = _PORT.search(host_port)
            if found and len(found.group(1)) < 10:
                numbers.append(int(found.group(1)))
            else:
                unrestricted = True
    return list(dict.fromkeys(numbers)), unrestricted


@dataclass(frozen=True)
class UrlHost:
    host: str  # lower case, IPv6 without brackets
    port: int | None


def url_hosts(value: Any) -> list[UrlHost]:
    """Hosts of a URL setting (see :func:`url_items`)."""
    found: list[UrlHost] = []
    for url in url_items(value):
        url = url if "://" in url else f"//{url}"
        try:
            split = urlsplit(url)
            host = split.hostname
        except ValueError:
            continue
        try:
            port = split.port
        except ValueError:
            port = None
        if host:
            found.append(UrlHost(host, port))
    return found


def _text(value: Any, fallback: str) -> str:
    return value if isinstance(value, str) and value else fallback


def elasticsearch_uname(values: Values) -> str:
    """The elasticsearch ``app`` label: fullnameOverride, else ``<clusterName>-<nodeGroup>``."""
    override = lookup(values, ("elasticsearch", "fullnameOverride"))
    if isinstance(override, str) and override:
        return override
    return f"{_text(lookup(values, ('elasticsearch', 'clusterName')), 'elasticsearch')}-" \
           f"{_text(lookup(values, ('elasticsearch', 'nodeGroup')), 'master')}"


def elasticsearch_service_names(values: Values) -> set[str]:
    """The names of the release's elasticsearch Services (main and headless)."""
    uname = elasticsearch_uname(values)
    group = lookup(values, ("elasticsearch", "nodeGroup"))
    service = uname
    if not isinstance(group, str) or not group or group == "master":
        master = lookup(values, ("elasticsearch", "masterService"))
        override = lookup(values, ("elasticsearch", "fullnameOverride"))
        if isinstance(master, str) and master:
            service = master
        elif isinstance(override, str) and override:
            service = override
        else:
            service = f"{_text(lookup(values, ('elasticsearch', 'clusterName')), 'elasticsearch')}-master"
    return {service, f"{service}-headless", uname, f"{uname}-headless"}


def in_release_elasticsearch(values: Values, host: str) -> bool:
    """Whether ``host`` names a Service (or pod) of this release's elasticsearch."""
    if not deployed(values, "elasticsearch"):
        return False
    labels = host.split(".")
    services = elasticsearch_service_names(values)
    if labels[0] in services:
        return True
    uname = elasticsearch_uname(values)
    return len(labels) > 1 and labels[1] in services and labels[0].startswith(f"{uname}-") \
        and labels[0][len(uname) + 1:].isdigit()


def cluster_local_name(host: str) -> bool:
    """A name only the cluster DNS resolves (a Service): no dot, or under .svc / .cluster.local."""
    return "." not in host or host.endswith((".svc", ".svc.cluster.local", ".cluster.local"))
