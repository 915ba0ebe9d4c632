"""HTTP routes of the enrollment context (API.md)."""

from fastapi import APIRouter

router = APIRouter(tags=["enrollment"])
