"""Remote adapters: an object with a facade's public API whose methods run in another process.

Built from the facade's contract, so every method a facade gains elsewhere is there too.
Static methods (pure code) run here; ``@local_only`` methods are absent and say why.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar, cast

from backend_services.shared.remote.client import RemoteContext
from backend_services.shared.remote.contract import MethodSpec, contract_for

T = TypeVar("T")


class RemoteFacade:
    """Base of the generated adapters; ``remote`` is the HTTP side of the context."""

    _facade: type = object

    def __init__(self, remote: RemoteContext) -> None:
        self.remote = remote

    def __getattr__(self, name: str) -> Any:
        contract = contract_for(self._facade)
        if name in contract.local_only:
            raise AttributeError(
                f"{self._facade.__name__}.{name} is local-only: it runs only in the "
                f"{self.remote.context} service's own process"
            )
        raise AttributeError(f"{type(self).__name__} has no attribute {name!r}")

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.remote.base_url}>"


def _method(spec: MethodSpec) -> Callable[..., Awaitable[Any]]:
    async def call(self: RemoteFacade, *args: Any, **kwargs: Any) -> Any:
        return await self.remote.call(spec, args, kwargs)

    call.__name__ = call.__qualname__ = spec.name
    call.__doc__ = spec.doc
    call.__signature__ = spec.signature  # type: ignore[attr-defined]  # read by inspect.signature; functions take any attribute
    return call


@functools.cache
def remote_class(facade: type) -> type[RemoteFacade]:
    """The adapter class of a facade (built once; ContractError when the facade is not remotable)."""
    contract = contract_for(facade)
    namespace: dict[str, Any] = {"_facade": facade, "__doc__": f"{facade.__name__} in another process."}
    namespace.update({name: _method(spec) for name, spec in contract.methods.items()})
    namespace.update({name: staticmethod(func) for name, func in contract.static.items()})
    return type(f"Remote{facade.__name__}", (RemoteFacade,), namespace)


def remote_facade(facade: type[T], remote: RemoteContext) -> T:
    """An object with ``facade``'s public API, served by ``remote`` (typed as the facade)."""
    facade_class: type = facade
    # A RemoteFacade built with every public method of ``facade``: one in all but its class.
    return cast(T, remote_class(facade_class)(remote))
