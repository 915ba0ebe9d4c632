"""HTTP routes of the payment context (API.md)."""

from fastapi import APIRouter

router = APIRouter(tags=["payment"])
