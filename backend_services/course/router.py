"""HTTP routes of the course context (API.md)."""

from fastapi import APIRouter

router = APIRouter(tags=["course"])
