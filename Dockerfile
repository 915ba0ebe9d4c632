# EduPlatform: one image for the one-process app (UI + websocket + /api + /metrics), a
# single bounded context, the REST API alone, migrations, the seeder and Locust.
#
#   docker build -t eduplatform .                                   # base: debian:bookworm-slim
#   docker build --build-arg BASE_IMAGE=local/debian:bookworm \
#                --build-arg PUBLIC_URL=https://edu.example.com -t eduplatform .
#   docker run --network host --env-file prod.env eduplatform app   # see docs/DEPLOY.md
#
# Without a reachable image registry, deploy/docker/build_base.sh makes the base from
# Debian's packages (debootstrap + docker import); scripts/docker_smoke.sh builds both and
# runs the student journey against a container.

# Any Debian bookworm root file system with apt (python3 is 3.11 there).
ARG BASE_IMAGE=debian:bookworm-slim

# ---------------------------------------------------------------- runtime packages
FROM ${BASE_IMAGE} AS os
ENV DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8 PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 python3-venv ca-certificates tini \
 && rm -rf /var/lib/apt/lists/*

# ---------------------------------------------------------------- build: venv + frontend
FROM os AS build
# Certificates the build must trust besides Debian's (e.g. a TLS-inspecting proxy in front
# of the package registries): *.crt files in deploy/docker/ca/. They stay in this stage.
COPY deploy/docker/ca/ /tmp/build-ca/
RUN cat /etc/ssl/certs/ca-certificates.crt /tmp/build-ca/*.crt > /etc/ssl/certs/build-ca.pem 2>/dev/null \
    || cp /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/build-ca.pem
ENV SSL_CERT_FILE=/etc/ssl/certs/build-ca.pem PIP_CERT=/etc/ssl/certs/build-ca.pem \
    NODE_EXTRA_CA_CERTS=/etc/ssl/certs/build-ca.pem REQUESTS_CA_BUNDLE=/etc/ssl/certs/build-ca.pem \
    UV_PYTHON_DOWNLOADS=never UV_LINK_MODE=copy UV_COMPILE_BYTECODE=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
# bun builds the frontend; the npm registry's package carries its binary (Debian's npm only installs it).
ARG BUN_VERSION=1.4.5
RUN apt-get update \
 && apt-get install -y --no-install-recommends nodejs npm \
 && rm -rf /var/lib/apt/lists/* \
 && npm install --global --no-fund --no-audit "bun@${BUN_VERSION}" \
 && bun --version

WORKDIR /app
# Dependencies first (cached while only the source changes), exactly as uv.lock pins them.
COPY pyproject.toml uv.lock README.md ./
RUN python3 -m venv /opt/uv \
 && /opt/uv/bin/pip install --quiet "uv==$(sed -n '/^name = "uv"$/{n;s/^version = "\(.*\)"$/\1/p;}' uv.lock)" \
 && python3 -m venv /app/.venv \
 && /opt/uv/bin/uv sync --frozen --no-install-project --extra loadtest --python /app/.venv/bin/python
COPY . .
RUN rm -f deploy/docker/ca/*.crt \
 && /opt/uv/bin/uv sync --frozen --extra loadtest --python /app/.venv/bin/python

# The frontend is compiled here, once. Browsers reach the websocket at PUBLIC_URL: the
# address they use (a load balancer's), with its port; "localhost" stands for whatever
# host name the page was loaded from.
ARG PUBLIC_URL=http://localhost:3000
RUN EDU_DATA_DIR=/tmp/build-data REFLEX_API_URL="${PUBLIC_URL}" \
    /app/.venv/bin/reflex export --frontend-only --no-zip --env prod --loglevel warning \
 && test -f .web/build/client/index.html \
 && rm -rf .web/node_modules /tmp/build-data /root/.bun /root/.cache

# ---------------------------------------------------------------- runtime
FROM os AS runtime
RUN groupadd --system --gid 10001 edu \
 && useradd --system --uid 10001 --gid edu --home-dir /home/edu --create-home --shell /usr/sbin/nologin edu \
 && install -d -o edu -g edu /data
COPY --from=build /app /app
WORKDIR /app
ENV PATH=/app/.venv/bin:$PATH \
    VIRTUAL_ENV=/app/.venv \
    HOME=/home/edu \
    EDU_DATA_DIR=/data \
    EDU_HOST=0.0.0.0 \
    EDU_PORT=3000 \
    REFLEX_USE_GRANIAN=true \
    GRANIAN_WORKERS=2 \
    PROMETHEUS_MULTIPROC_DIR=/tmp/prometheus-multiproc
USER edu
VOLUME ["/data"]
EXPOSE 3000
# Readiness of every context the container serves (their databases answer); one-shot
# commands (migrate, seed, locust) report healthy.
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=3 \
    CMD ["python3", "/app/deploy/docker/healthcheck.py"]
# tini forwards SIGTERM to granian, which stops accepting, finishes in-flight requests and
# stops its workers (docker stop, Kubernetes pod termination).
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/bin/tini", "--", "/app/deploy/docker/entrypoint.sh"]
CMD ["app"]
