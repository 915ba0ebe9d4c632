"""The certificate as a PDF: name, course, teacher, date, verification code and a QR code.

fpdf2 writes the PDF (pure Python, embeds TrueType subsets, so Cyrillic names render);
segno draws the QR code without extra image dependencies. The DejaVu fonts ship in
``fonts/`` with their licence, so a fresh machine needs no system fonts.
"""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

import segno
from fpdf import FPDF

FONTS = Path(__file__).resolve().parent / "fonts"
FAMILY = "DejaVu"
INK = (33, 37, 64)
ACCENT = (67, 56, 202)


def _qr_png(url: str) -> io.BytesIO:
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=10, border=2)
    buffer.seek(0)
    return buffer


def render_certificate(
    *,
    student_name: str,
    course_title: str,
    teacher_name: str,
    completed_at: datetime,
    code: str,
    verify_url: str,
) -> bytes:
    """A one-page landscape A4 certificate in English and Russian."""
    pdf = FPDF(orientation="L", unit="mm", format="A4")
    pdf.set_title(f"Certificate {code}")
    pdf.set_author("EduPlatform")
    pdf.add_font(FAMILY, "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font(FAMILY, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_draw_color(*ACCENT)
    pdf.set_line_width(1.2)
    pdf.rect(10, 10, 277, 190)
    pdf.set_text_color(*INK)

    def line(text: str, size: int, *, bold: bool = False, gap: float = 4) -> None:
        pdf.set_font(FAMILY, "B" if bold else "", size)
        pdf.set_x(20)
        pdf.multi_cell(257, size * 0.45, text, align="C")
        pdf.ln(gap)

    pdf.set_y(28)
    line("EduPlatform", 14, bold=True, gap=6)
    line("Certificate of completion · Сертификат о прохождении курса", 24, bold=True, gap=10)
    line("This certifies that · Настоящим подтверждается, что", 12)
    line(student_name, 28, bold=True, gap=6)
    line("has completed the course · успешно завершил(а) курс", 12)
    line(f"«{course_title}»", 20, bold=True, gap=8)
    line(f"Teacher · Преподаватель: {teacher_name}", 12, gap=2)
    line(f"Date · Дата: {completed_at:%Y-%m-%d}", 12, gap=2)

    pdf.image(_qr_png(verify_url), x=237, y=150, w=40, h=40)
    pdf.set_font(FAMILY, "", 9)
    pdf.set_xy(20, 178)
    pdf.cell(210, 5, f"Verification code · Код проверки: {code}")
    pdf.set_xy(20, 184)
    pdf.cell(210, 5, verify_url, link=verify_url)
    return bytes(pdf.output())
