"""HTTP routes of the notification context (API.md)."""

from fastapi import APIRouter

router = APIRouter(tags=["notification"])
