"""Which contexts this process runs itself and where the others are: decided once at start-up
from configuration, so one code base serves every topology (docs/ARCHITECTURE.md)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from backend_services.shared.settings import CONTEXTS, Settings


class TopologyError(RuntimeError):
    """The configuration cannot work (a start-up error with the fix in its message)."""


def _parse_contexts(value: str | Iterable[str]) -> tuple[str, ...]:
    names = [n.strip() for n in value.split(",")] if isinstance(value, str) else list(value)
    names = [n for n in names if n]
    unknown = sorted(set(names) - set(CONTEXTS))
    if unknown:
        raise TopologyError(f"unknown context(s) {', '.join(unknown)}; known: {', '.join(CONTEXTS)}")
    return tuple(n for n in CONTEXTS if n in names)


@dataclass(frozen=True)
class Topology:
    """``local`` contexts run here on their own databases; ``remote`` ones are reached by URL."""

    local: tuple[str, ...]
    remote: Mapping[str, str]

    @classmethod
    def from_settings(cls, settings: Settings, serve: Iterable[str] | None = None) -> Topology:
        """``serve`` (or ``EDU_SERVE_CONTEXTS``) names the local contexts; without either, every
        context without ``EDU_<CTX>_SERVICE_URL`` is local (the one-process default)."""
        chosen = serve if serve is not None else settings.serve_contexts
        if chosen:
            local = _parse_contexts(chosen)
        else:
            local = tuple(c for c in CONTEXTS if not settings.service_url(c))
        remote = {c: settings.service_url(c) for c in CONTEXTS if c not in local and settings.service_url(c)}
        topology = cls(local=local, remote=remote)
        topology._check_secrets(settings)
        return topology

    @property
    def is_distributed(self) -> bool:
        """Whether any context lives in another process."""
        return len(self.local) < len(CONTEXTS)

    def where(self, context: str) -> str:
        """'local', 'remote' or 'absent' (neither served here nor configured)."""
        if context in self.local:
            return "local"
        return "remote" if context in self.remote else "absent"

    def check_needs(self, needs: Mapping[str, Iterable[str]]) -> None:
        """Fail unless every context a local one calls is local or has a service URL."""
        missing: dict[str, list[str]] = {}
        for context in self.local:
            for needed in needs.get(context, ()):
                if self.where(needed) == "absent":
                    missing.setdefault(needed, []).append(context)
        if missing:
            lines = [
                f"EDU_{needed.upper()}_SERVICE_URL is not set, but {', '.join(users)} (served here) "
                f"calls the {needed} context"
                for needed, users in missing.items()
            ]
            raise TopologyError(
                "; ".join(lines) + ". Set the URL of each context this process does not serve itself "
                "(a standalone service never opens another context's database)."
            )

    def _check_secrets(self, settings: Settings) -> None:
        if not self.is_distributed:
            return
        if settings.env == "production" and len(settings.service_secret) < 32:
            raise TopologyError(
                "EDU_SERVICE_SECRET must be set to a random value of at least 32 characters "
                "when EDU_ENV=production and contexts run as separate services"
            )
        if settings.service_signing_secret == settings.signing_secret:
            raise TopologyError("EDU_SERVICE_SECRET must differ from EDU_JWT_SECRET")
