"""The networkPolicy section ``init`` writes for a values file, with the comments where the user decides.

Derived from the file's own values over the chart defaults: which
components and Ingresses are on, their classes (the controllers to admit),
the ports, and the anmUrl/apimgrUrl addresses. Policies go on; egress stays
open, with the peers restricting it would need spelt out in comments.
"""

from __future__ import annotations

import copy
import ipaddress
from dataclasses import dataclass, field
from typing import Any

from aaoi_netpol.authoring.ingress_choice import ControllerChoice
from aaoi_netpol.model.components import SECTION
from aaoi_netpol.model.hosts import in_release_elasticsearch, url_hosts
from aaoi_netpol.model.ports import port_number
from aaoi_netpol.model.switches import Values, deployed
from aaoi_netpol.rules.role_lists import human_list
from aaoi_netpol.value_path import lookup

SectionPath = tuple[str, ...]  # a key's path inside the section


@dataclass
class SectionPlan:
    section: dict[str, Any] = field(default_factory=dict)  # in the order written
    comments: dict[SectionPath, list[str]] = field(default_factory=dict)  # comment lines before each key
    notes: list[str] = field(default_factory=list)  # said on stderr


def _host_block(host: str) -> str | None:
    """``{cidr: 10.1.2.3/32}`` for an IP literal host, None for a DNS name."""
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return None
    return f"{{cidr: {address}/{address.max_prefixlen}}}"


def _address_lines(values: Values, settings: tuple[str, ...], indent: str) -> list[str]:
    """Commented list items for the hosts of URL settings (``apibuilder4elastic.<setting>``)."""
    lines: list[str] = []
    for setting in settings:
        for host in url_hosts(lookup(values, ("apibuilder4elastic", setting))):
            block = _host_block(host.host)
            lines.append(f"{indent}- ipBlock: {block}   # {setting}" if block else
                         f"{indent}# {host.host} ({setting}) is a DNS name: list the addresses it resolves to")
    return lines


def _anm_caller(values: Values) -> list[str]:
    """What anmUrl suggests about where the Admin-Node-Manager calls from."""
    lines: list[str] = []
    for host in url_hosts(lookup(values, ("apibuilder4elastic", "anmUrl"))):
        block = _host_block(host.host)
        lines += ["If it calls from the address anmUrl names:", f"  - ipBlock: {block}"] if block else \
            [f"anmUrl names {host.host}: if it calls from there, list that host's address as an ipBlock."]
    return lines


def _ingress_controller(plan: SectionPlan, choice: ControllerChoice) -> None:
    peers: list[dict[str, Any]] = []
    lines: list[str] = []
    for controller, uses in choice.served:
        peers += copy.deepcopy(list(controller.peers))
        what = human_list([use.component for use in uses]) or "no Ingress of this file yet"
        classes = sorted({use.ingress_class for use in uses if use.ingress_class})
        lines.append(f"{controller.name} serves {what}" + (f" (class {', '.join(classes)})." if classes else "."))
        if controller.in_cluster:
            lines.append("Namespace and pod labels as its upstream install sets them: adjust them to yours.")
        elif controller.peers:
            lines.append(f"Its traffic comes from {controller.what_to_list}.")
        else:
            lines.append(f"List {controller.what_to_list} (lint reports NP015 until you do).")
            plan.notes.append(f"networkPolicy.ingressController is empty: {controller.name} connects from "
                              f"{controller.what_to_list}; list them there (lint reports NP015 until you do)")
    if not choice.served:
        lines.append("No Ingress is enabled in this file, so no Ingress controller is admitted; list yours here "
                     "when you enable one (lint reports NP015 until you do).")
    plan.section["ingressController"] = peers
    plan.comments[("ingressController",)] = lines


def _callers(plan: SectionPlan, values: Values) -> None:
    if deployed(values, "logstash") or deployed(values, "apm-server"):
        targets = [f"logstash :{port_number(values, 'logstash-beats')} (Filebeat)"] if deployed(values, "logstash") \
            else []
        if deployed(values, "apm-server"):
            targets.append(f"apm-server :{port_number(values, 'apm-server')} (APM agents)")
        plan.section["apiGateways"] = []
        plan.comments[("apiGateways",)] = [
            f"Decide: the API-Gateways that send to {human_list(targets)}: their hosts as ipBlock,",
            "or their pods (namespaceSelector + podSelector) when they run in the cluster."]
    if deployed(values, "apibuilder4elastic"):
        plan.section["adminNodeManagers"] = []
        plan.comments[("adminNodeManagers",)] = [
            f"Decide: the Admin-Node-Manager (Traffic Monitor) that calls apibuilder4elastic "
            f":{port_number(values, 'apibuilder4elastic')}.", *_anm_caller(values)]
    scraped = [f"{name} :{port_number(values, port)}" for name, port in
               (("logstash", "logstash-http"), ("elasticsearch", "es-http"), ("filebeat", "filebeat-metrics"))
               if deployed(values, name)]
    if scraped:
        plan.section["monitoring"] = []
        plan.comments[("monitoring",)] = [
            f"Decide: who scrapes the metrics of {human_list(scraped)}, for example:",
            "  - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: monitoring}}"]


def _egress(plan: SectionPlan, values: Values) -> None:
    lines = ["Egress stays open. To restrict it too (enabled: true), AAOI must still reach what it calls:"]
    if deployed(values, "apibuilder4elastic"):
        addresses = _address_lines(values, ("anmUrl", "apimgrUrl"), "    ")
        if addresses:
            lines += ["  apiManagement:   # the Admin-Node-Manager and API-Manager of anmUrl/apimgrUrl", *addresses]
    external = [host.host for host in url_hosts(lookup(values, ("global", "elasticsearchHosts")))
                if not in_release_elasticsearch(values, host.host)]
    if external:
        lines.append("  externalElasticsearch:   # global.elasticsearchHosts is outside the release")
        lines += [f"    - ipBlock: {_host_block(host)}" if _host_block(host) else
                  f"    # {host} is a DNS name: list the addresses it resolves to" for host in external]
    plan.section["egress"] = {"enabled": False}
    plan.comments[("egress", "enabled")] = lines if len(lines) > 1 else [
        "Egress stays open. To restrict it too, set enabled: true (DNS is admitted by default)."]


def plan_section(values: Values, choice: ControllerChoice) -> SectionPlan:
    """The section for these (layered) values and the chosen Ingress controllers."""
    plan = SectionPlan(notes=list(choice.notes))
    plan.section["enabled"] = True
    plan.comments[("enabled",)] = [
        "Written by `aaoi-netpol init` from this file's values: review every list, then check it with",
        f"`helm netpol render CHART -f <this file>`. The {SECTION} keys are documented by `helm netpol schema`."]
    _ingress_controller(plan, choice)
    _callers(plan, values)
    _egress(plan, values)
    return plan
