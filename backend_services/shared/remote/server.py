"""The internal API a context serves to other services: ``POST /internal/<ctx>/<method>``,
one route per remotely callable facade method, reachable only with a service token."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import ValidationError

from backend_services.shared.errors import DomainError, NotAuthenticated
from backend_services.shared.remote.contract import MethodSpec, contract_for
from backend_services.shared.remote.errors import error_body, retry_after_header
from backend_services.shared.remote.tokens import ServiceCall, ServiceTokens

_bearer = HTTPBearer(auto_error=False, description="Service token (EDU_SERVICE_SECRET)")
NEEDS_USER = "This call must act for a user"


def internal_router(
    context: str,
    facade: type,
    get_facade: Callable[[], Any],
    get_tokens: Callable[[], ServiceTokens],
) -> APIRouter:
    """Routes for every remotely callable method of ``facade``, served by ``get_facade()``."""
    contract = contract_for(facade)
    router = APIRouter(prefix=f"/internal/{context}", tags=[f"internal {context}"])

    async def service_call(
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    ) -> ServiceCall:
        if credentials is None or credentials.scheme.lower() != "bearer":
            raise NotAuthenticated("Service token required")
        return get_tokens().verify(credentials.credentials, context)

    for name, spec in contract.methods.items():
        router.add_api_route(
            f"/{name}",
            _endpoint(spec, get_facade, service_call),
            methods=["POST"],
            name=f"internal_{context}_{name}",
            summary=f"{facade.__name__}.{name}",
            description=spec.doc or "",
        )
    return router


def _endpoint(
    spec: MethodSpec, get_facade: Callable[[], Any], service_call: Callable[..., Any]
) -> Callable[..., Awaitable[JSONResponse]]:
    # A default, not Annotated: the dependency is a closure, which a string annotation
    # (``from __future__ import annotations``) could not name.
    async def endpoint(request: Request, call: ServiceCall = Depends(service_call)) -> JSONResponse:
        try:
            body = await request.json()
        except ValueError:
            body = None
        if not isinstance(body, dict):
            return JSONResponse({"detail": "The body must be a JSON object of arguments"}, status_code=400)
        try:
            kwargs = spec.decode_call(body)
        except (ValidationError, ValueError) as exc:
            return JSONResponse({"detail": f"Bad arguments for {spec.name}: {exc}"[:1000]}, status_code=422)
        if spec.principal:
            if call.principal is None:
                raise NotAuthenticated(NEEDS_USER)
            kwargs[spec.principal] = call.principal
        try:
            result = await getattr(get_facade(), spec.name)(**kwargs)
        except DomainError as exc:
            retry_after = getattr(exc, "retry_after", None)
            headers = {"Retry-After": retry_after_header(retry_after)} if retry_after is not None else None
            return JSONResponse(error_body(exc), status_code=exc.status_code, headers=headers)
        return JSONResponse({"result": spec.encode_result(result)})

    endpoint.__name__ = f"internal_{spec.name}"
    return endpoint
