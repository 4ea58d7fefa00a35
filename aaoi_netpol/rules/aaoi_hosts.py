"""Hosts AAOI's values name: URLs in anmUrl/apimgrUrl/elasticsearchHosts, and the release's own services."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from aaoi_netpol.context import LintContext
from aaoi_netpol.rules.aaoi_facts import deployed


def elasticsearch_uname(ctx: LintContext) -> str:
    """The elasticsearch ``app`` label: fullnameOverride, else ``<clusterName>-<nodeGroup>``."""
    override = ctx.get(("elasticsearch", "fullnameOverride"))
    if isinstance(override, str) and override:
        return override
    cluster = ctx.get(("elasticsearch", "clusterName"))
    group = ctx.get(("elasticsearch", "nodeGroup"))
    return f"{cluster if isinstance(cluster, str) and cluster else 'elasticsearch'}-" \
           f"{group if isinstance(group, str) and group else 'master'}"


def elasticsearch_service_names(ctx: LintContext) -> set[str]:
    """The names of the release's elasticsearch Services (main and headless)."""
    uname = elasticsearch_uname(ctx)
    group = ctx.get(("elasticsearch", "nodeGroup"))
    service = uname
    if not isinstance(group, str) or not group or group == "master":
        master = ctx.get(("elasticsearch", "masterService"))
        override = ctx.get(("elasticsearch", "fullnameOverride"))
        cluster = ctx.get(("elasticsearch", "clusterName"))
        if isinstance(master, str) and master:
            service = master
        elif isinstance(override, str) and override:
            service = override
        else:
            service = f"{cluster if isinstance(cluster, str) and cluster else 'elasticsearch'}-master"
    return {service, f"{service}-headless", uname, f"{uname}-headless"}


# --- the networkPolicy section ---------------------------------------------------------------


@dataclass(frozen=True)
class UrlHost:
    host: str  # lower case, IPv6 without brackets
    port: int | None


def url_hosts(value: Any) -> list[UrlHost]:
    """Hosts of a URL setting: comma-separated URLs, each optionally prefixed ``group|`` (AAOI's form)."""
    if not isinstance(value, str):
        return []
    found: list[UrlHost] = []
    for part in value.split(","):
        url = part.strip()
        url = url.split("|", 1)[1].strip() if "|" in url else url
        if not url:
            continue
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


def in_release_elasticsearch(ctx: LintContext, host: str) -> bool:
    """Whether ``host`` names a Service (or pod) of this release's elasticsearch."""
    if not deployed(ctx, "elasticsearch"):
        return False
    labels = host.split(".")
    services = elasticsearch_service_names(ctx)
    if labels[0] in services:
        return True
    uname = elasticsearch_uname(ctx)
    return len(labels) > 1 and labels[1] in services and labels[0].startswith(f"{uname}-") \
        and labels[0][len(uname) + 1:].isdigit()


def cluster_local_name(host: str) -> bool:
    """A name only the cluster DNS resolves (a Service): no dot, or under .svc / .cluster.local."""
    return "." not in host or host.endswith((".svc", ".svc.cluster.local", ".cluster.local"))
