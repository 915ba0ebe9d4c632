"""Deployment files are valid without a cluster or a registry: the Compose files render
with ``docker-compose config``; the kustomize base and production overlay render with
``kubectl kustomize`` and pass the Kubernetes JSON schemas in strict mode (unknown fields
fail), and keep the promises docs/DEPLOY.md makes (probes, resources, HPA, PDB, non-root).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
K8S = ROOT / "deploy" / "k8s"
COMPOSE = ROOT / "deploy" / "compose"
KUBERNETES_VERSION = "1.33.0"


def _kubectl() -> str:
    """kubectl with kustomize v5: $EDU_KUBECTL, the one scripts/k8s_tools.sh installs, or PATH."""
    for candidate in (
        os.environ.get("EDU_KUBECTL"),
        str(ROOT / ".venv/bin/kubectl"),
        shutil.which("kubectl"),
    ):
        if candidate and Path(candidate).exists():
            return candidate
    pytest.skip("no kubectl: run scripts/k8s_tools.sh (.ci/run does)")


def _render(overlay: str) -> list[dict]:
    done = subprocess.run(
        [_kubectl(), "kustomize", str(K8S / overlay)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return [doc for doc in yaml.safe_load_all(done.stdout) if doc]


def _schema_errors(docs: list[dict]) -> list[str]:
    import kubernetes_validate

    errors = []
    for doc in docs:
        try:
            kubernetes_validate.validate(doc, KUBERNETES_VERSION, strict=True)
        except kubernetes_validate.ValidationError as e:
            errors.append(
                f"{doc['kind']}/{doc['metadata']['name']}: {'.'.join(map(str, e.path))}: {e.message}"
            )
    return errors


def _one(docs: list[dict], kind: str, name: str) -> dict:
    found = [d for d in docs if d["kind"] == kind and d["metadata"]["name"] == name]
    assert len(found) == 1, f"{kind}/{name}: {len(found)} found"
    return found[0]


@pytest.mark.parametrize("overlay", ["base", "overlays/production"])
def test_kustomize_renders_schema_valid_manifests(overlay):
    docs = _render(overlay)
    assert _schema_errors(docs) == []
    kinds = {d["kind"] for d in docs}
    assert {"Deployment", "Service", "Job", "HorizontalPodAutoscaler", "PodDisruptionBudget"} <= kinds


def test_the_schema_check_rejects_a_misspelt_field():
    docs = _render("base")
    app = _one(docs, "Deployment", "eduplatform-app")
    app["spec"]["template"]["spec"]["containers"][0]["readinesProbe"] = {"httpGet": {"path": "/"}}
    assert any("readinesProbe" in error for error in _schema_errors([app]))


def test_production_app_pods_have_probes_resources_and_run_unprivileged():
    docs = _render("overlays/production")
    assert {d["metadata"].get("namespace") for d in docs if d["kind"] != "Namespace"} == {"eduplatform"}
    app = _one(docs, "Deployment", "eduplatform-app")
    pod = app["spec"]["template"]["spec"]
    (container,) = pod["containers"]
    assert container["image"] == "registry.example.com/eduplatform:0.1.0"
    assert container["args"] == ["app"]
    for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
        assert probe in container, probe
    assert container["resources"]["requests"]["cpu"] == "2"
    assert "memory" in container["resources"]["limits"]
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert container["securityContext"]["readOnlyRootFilesystem"] is True
    assert app["spec"]["replicas"] == 3
    hpa = _one(docs, "HorizontalPodAutoscaler", "eduplatform-app")
    assert hpa["spec"]["scaleTargetRef"]["name"] == "eduplatform-app"
    assert (hpa["spec"]["minReplicas"], hpa["spec"]["maxReplicas"]) == (3, 30)
    pdb = _one(docs, "PodDisruptionBudget", "eduplatform-app")
    assert pdb["spec"] == {"maxUnavailable": 1, "selector": pdb["spec"]["selector"]}
    assert pdb["spec"]["selector"]["matchLabels"].items() <= pod_labels(app).items()
    # The config map the pods read is the merged, hash-suffixed one.
    (config,) = [d for d in docs if d["kind"] == "ConfigMap"]
    assert config["data"]["EDU_DB_POOL_SIZE"] == "10"
    assert container["envFrom"][0]["configMapRef"]["name"] == config["metadata"]["name"]


def pod_labels(deployment: dict) -> dict:
    return deployment["spec"]["template"]["metadata"]["labels"]


def _compose_config(name: str, *args: str) -> dict:
    if shutil.which("docker-compose") is None:
        pytest.skip("no docker-compose: apt-get install docker-compose (.ci/run does)")
    env = {
        **os.environ,
        "POSTGRES_PASSWORD": "test-password",
        "GRAFANA_ADMIN_PASSWORD": "test-password",
        "EDU_ENV_FILE": "prod.env.example",
    }
    done = subprocess.run(
        ["docker-compose", "-f", str(COMPOSE / name), *args, "config"],
        capture_output=True,
        text=True,
        env=env,
        cwd=COMPOSE,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return yaml.safe_load(done.stdout)


def test_production_compose_has_every_piece_with_restart_policies():
    services = _compose_config("compose.prod.yml")["services"]
    contexts = ("identity", "course", "enrollment", "payment", "notification")
    assert {f"db-{c}" for c in contexts} | {"redis", "migrate", "app", "lb", "prometheus", "grafana"} == set(
        services
    )
    for name, service in services.items():
        expected = "no" if name == "migrate" else "unless-stopped"
        assert service.get("restart") == expected, name
    app = services["app"]["environment"]
    for c in contexts:
        assert app[f"EDU_{c.upper()}_DATABASE_URL"].endswith(f"@db-{c}:5432/eduplatform_{c}")
    assert app["EDU_ENV"] == "production" and app["EDU_AUTO_MIGRATE"] == "false"
    assert services["app"]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    grafana_mounts = " ".join(services["grafana"]["volumes"])
    assert "deploy/grafana/dashboards" in grafana_mounts and "deploy/grafana/provisioning" in grafana_mounts


def test_development_compose_reloads_the_mounted_sources():
    services = _compose_config("compose.dev.yml", "--profile", "postgres")["services"]
    assert services["app"]["build"]["target"] == "build"
    assert "reflex run --env dev" in " ".join(services["app"]["command"])
    assert any(
        v.endswith(":/app/eduplatform:rw") or v.endswith(":/app/eduplatform")
        for v in services["app"]["volumes"]
    )
    assert "db" in services
