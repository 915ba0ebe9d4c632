"""The remote contract of a facade, read from its public async methods' type hints.

Arguments and results cross the wire as JSON, (de)serialised with pydantic
``TypeAdapter``s built from the hints, so a method added to a facade is callable remotely
without new code. The caller (``Principal``) is never a JSON argument: it travels inside
the service token. A method that cannot be described this way fails when the contract
is built (at start-up and in the unit tests), never at call time.
"""

from __future__ import annotations

import functools
import inspect
import typing
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import TypeAdapter

from backend_services.shared.remote import markers
from backend_services.shared.security import Principal


class ContractError(TypeError):
    """A facade method cannot be called remotely as declared (a start-up error)."""


class BadArguments(ValueError):
    """An internal call's JSON arguments do not match the method (a version mismatch)."""


@dataclass(frozen=True)
class MethodSpec:
    """How one facade method is called remotely."""

    facade: str
    name: str
    signature: inspect.Signature  # without ``self``
    params: dict[str, TypeAdapter[Any]]  # JSON arguments (every parameter but the caller)
    principal: str | None  # the name of the ``Principal`` parameter, if any
    result: TypeAdapter[Any]
    read: bool
    timeout: float | None
    doc: str | None

    def encode_call(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[dict[str, Any], Any]:
        """(JSON arguments, acting principal) of a call, checked against the signature."""
        bound = self.signature.bind(*args, **kwargs)
        bound.apply_defaults()
        actor = bound.arguments.pop(self.principal) if self.principal else None
        body = {
            name: self.params[name].dump_python(value, mode="json", exclude_unset=True)
            for name, value in bound.arguments.items()
        }
        return body, actor

    def decode_call(self, body: dict[str, Any]) -> dict[str, Any]:
        """Keyword arguments from the JSON arguments (BadArguments or pydantic's ValidationError)."""
        unknown = set(body) - set(self.params)
        if unknown:
            raise BadArguments(f"unknown arguments: {', '.join(sorted(unknown))}")
        kwargs: dict[str, Any] = {}
        for name, adapter in self.params.items():
            if name in body:
                kwargs[name] = adapter.validate_python(body[name])
            elif self.signature.parameters[name].default is inspect.Parameter.empty:
                raise BadArguments(f"missing argument: {name}")
        return kwargs

    def encode_result(self, value: Any) -> Any:
        return self.result.dump_python(value, mode="json", exclude_unset=True)

    def decode_result(self, data: Any) -> Any:
        return self.result.validate_python(data)


@dataclass(frozen=True)
class FacadeContract:
    """Every remotely callable method of a facade, and what stays behind."""

    facade: type
    methods: dict[str, MethodSpec]
    static: dict[str, Any]  # static methods: pure code, run in the caller's process
    local_only: frozenset[str]


def _is_principal(hint: Any) -> bool:
    return hint is Principal


def _adapter(owner: str, what: str, hint: Any) -> TypeAdapter[Any]:
    try:
        adapter = TypeAdapter(hint)
        adapter.json_schema()  # fails for what JSON cannot carry (callables, arbitrary objects)
    except Exception as exc:  # noqa: BLE001 - any failure means "not describable"
        raise ContractError(
            f"{owner}: {what} of type {hint!r} cannot be sent as JSON ({exc.__class__.__name__}); "
            "change the type or mark the method @local_only"
        ) from exc
    return adapter


def method_spec(facade: type, name: str, func: Callable[..., Any]) -> MethodSpec:
    """The remote description of one public async method (ContractError when impossible)."""
    owner = f"{facade.__name__}.{name}"
    if not inspect.iscoroutinefunction(func):
        raise ContractError(f"{owner} is not async: make it async or mark it @local_only")
    try:
        hints = typing.get_type_hints(func)
    except Exception as exc:  # noqa: BLE001 - unresolvable annotations
        raise ContractError(f"{owner}: type hints cannot be resolved: {exc}") from exc
    signature = inspect.signature(func)
    parameters = list(signature.parameters.values())[1:]  # drop self
    params: dict[str, TypeAdapter[Any]] = {}
    principal: str | None = None
    for p in parameters:
        if p.kind in (p.POSITIONAL_ONLY, p.VAR_POSITIONAL, p.VAR_KEYWORD):
            raise ContractError(f"{owner}: parameter {p.name} must be passable by name")
        if p.name not in hints:
            raise ContractError(f"{owner}: parameter {p.name} needs a type hint")
        if _is_principal(hints[p.name]):
            if principal is not None:
                raise ContractError(f"{owner}: at most one Principal parameter")
            principal = p.name
            continue
        params[p.name] = _adapter(owner, f"parameter {p.name}", hints[p.name])
    if "return" not in hints:
        raise ContractError(f"{owner} needs a return type hint")
    return MethodSpec(
        facade=facade.__name__,
        name=name,
        signature=signature.replace(parameters=parameters),
        params=params,
        principal=principal,
        result=_adapter(owner, "the result", hints["return"]),
        read=markers.is_read(func),
        timeout=markers.timeout_of(func),
        doc=inspect.getdoc(func),
    )


@functools.cache
def contract_for(facade: type) -> FacadeContract:
    """The facade's remote contract; ContractError names every method that cannot be remote."""
    methods: dict[str, MethodSpec] = {}
    static: dict[str, Any] = {}
    local: set[str] = set()
    problems: list[str] = []
    for name, attr in inspect.getmembers_static(facade):
        if name.startswith("_"):
            continue
        if isinstance(attr, staticmethod):
            static[name] = attr.__func__
            continue
        if not inspect.isfunction(attr):
            continue  # properties and class attributes are not part of the remote API
        if markers.is_local_only(attr):
            local.add(name)
            continue
        try:
            methods[name] = method_spec(facade, name, attr)
        except ContractError as exc:
            problems.append(str(exc))
    if problems:
        raise ContractError("; ".join(problems))
    return FacadeContract(facade=facade, methods=methods, static=static, local_only=frozenset(local))
