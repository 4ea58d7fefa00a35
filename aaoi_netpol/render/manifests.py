"""Helm's multi-document output, split into documents that keep their ``# Source:`` comment.

The stream is split on ``---`` lines here (not by the YAML parser) so each
document keeps its exact text, as Helm printed it, and the path of the
template that made it. Each document is parsed with PyYAML's C safe loader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_SEPARATOR = re.compile(r"^---[ \t]*$", re.MULTILINE)
_SOURCE = re.compile(r"^# Source: (.+?)[ \t]*$", re.MULTILINE)

WORKLOAD_KINDS = ("Deployment", "StatefulSet", "DaemonSet")
POD_TEMPLATE_KINDS = (*WORKLOAD_KINDS, "ReplicaSet", "ReplicationController", "Job")


class ManifestError(Exception):
    """A rendered document is not valid YAML (fail closed: the render stops)."""


@dataclass(frozen=True)
class Manifest:
    text: str  # the document as Helm printed it, without the leading '---' line
    source: str | None  # the '# Source:' path, e.g. apim4elastic/charts/kibana/templates/deployment.yaml
    body: dict[str, Any]

    @property
    def kind(self) -> str:
        return str(self.body.get("kind") or "")

    @property
    def metadata(self) -> dict[str, Any]:
        found = self.body.get("metadata")
        return found if isinstance(found, dict) else {}

    @property
    def name(self) -> str:
        return str(self.metadata.get("name") or "")

    @property
    def labels(self) -> dict[str, str]:
        return string_map(self.metadata.get("labels"))

    @property
    def annotations(self) -> dict[str, str]:
        return string_map(self.metadata.get("annotations"))

    def namespace(self, default: str) -> str:
        return str(self.metadata.get("namespace") or default)

    @property
    def is_test_hook(self) -> bool:
        hooks = self.annotations.get("helm.sh/hook", "")
        return any(hook.strip() in ("test", "test-success") for hook in hooks.split(","))

    def pod_labels(self) -> dict[str, str] | None:
        """The labels of the pods this object makes (None when it makes none)."""
        if self.kind == "Pod":
            return self.labels
        if self.kind == "CronJob":
            template = dig(self.body, "spec", "jobTemplate", "spec", "template")
        elif self.kind in POD_TEMPLATE_KINDS:
            template = dig(self.body, "spec", "template")
        else:
            return None
        return string_map(dig(template, "metadata", "labels"))

    def describe(self) -> str:
        where = f" (from {self.source})" if self.source else ""
        return f"{self.kind} {self.name}{where}"


def dig(data: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def string_map(value: Any) -> dict[str, str]:
    """Labels as Kubernetes stores them (string to string); anything else is empty."""
    if not isinstance(value, dict):
        return {}
    return {str(k): _as_label(v) for k, v in value.items()}


def _as_label(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def split_documents(stream: str) -> list[Manifest]:
    """Every non-empty document of Helm's output; ManifestError when one does not parse."""
    manifests = []
    for chunk in _SEPARATOR.split(stream):
        text = chunk.strip("\n")
        if not text.strip():
            continue
        source = _SOURCE.search(text)
        try:
            body = yaml.load(text, Loader=_Loader)
        except yaml.YAMLError as error:
            where = source.group(1) if source else "a rendered document"
            raise ManifestError(f"{where}: Helm rendered invalid YAML: {' '.join(str(error).split())}") from None
        if body is None:
            continue
        if not isinstance(body, dict):
            where = source.group(1) if source else "a rendered document"
            raise ManifestError(f"{where}: a rendered document is not a mapping")
        manifests.append(Manifest(text + "\n", source.group(1) if source else None, body))
    return manifests


def join_documents(manifests: list[Manifest]) -> str:
    """The documents as one stream, the way Helm prints them."""
    return "".join(f"---\n{m.text}" for m in manifests)
