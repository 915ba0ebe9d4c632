"""HTTP routes of certificates (API extension): public verification, the owner's PDF."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Response

from backend_services.bootstrap import PlatformDep
from backend_services.enrollment.certificate_schemas import CertificateList, CertificatePublic
from backend_services.shared.http import CurrentUser

router = APIRouter(tags=["certificates"])
Code = Annotated[str, Path(min_length=4, max_length=32, pattern=r"^[A-Za-z0-9-]+$")]


@router.get("/certificates/me", response_model=CertificateList)
async def my_certificates(actor: CurrentUser, platform: PlatformDep) -> CertificateList:
    return await platform.enrollment.my_certificates(actor)


@router.get("/certificates/{code}", response_model=CertificatePublic)
async def verify_certificate(code: Code, platform: PlatformDep) -> CertificatePublic:
    """Public: confirms a certificate without logging in (404 for an unknown code)."""
    return await platform.enrollment.verify_certificate(code)


@router.get("/certificates/{code}/pdf", response_class=Response)
async def certificate_pdf(code: Code, actor: CurrentUser, platform: PlatformDep) -> Response:
    """The certificate as a PDF, for its owner."""
    filename, data = await platform.enrollment.certificate_pdf(actor, code)
    return Response(
        data,
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
