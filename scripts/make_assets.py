"""Render the raster images in ``assets/`` from ``assets/logo.svg`` with Chromium.

    .venv/bin/python scripts/make_assets.py

Writes ``favicon.ico`` (16/32/48 px), ``apple-touch-icon.png`` (180 px), ``logo-512.png``
and ``social-preview.png`` (1200x630, the Open Graph image). The SVG is the source: edit
it, run this, commit the results.
"""

from __future__ import annotations

import base64
import io
import os
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

ASSETS = Path(__file__).resolve().parents[1] / "assets"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")

PREVIEW = """<!doctype html><html><body style="margin:0">
<div style="width:1200px;height:630px;display:flex;align-items:center;gap:56px;padding:0 96px;
  box-sizing:border-box;font-family:'DejaVu Sans',sans-serif;color:#fff;
  background:linear-gradient(135deg,#3E63DD 0%,#2F4AB8 55%,#1F2D6B 100%)">
  <img src="data:image/svg+xml;base64,{svg}" width="220" height="220"
    style="border-radius:44px;box-shadow:0 18px 48px rgba(0,0,0,.35)">
  <div>
    <div style="font-size:84px;font-weight:700;letter-spacing:-1px">EduPlatform</div>
    <div style="font-size:36px;margin-top:18px;opacity:.92">Learn anything. Teach what you know.</div>
    <div style="font-size:28px;margin-top:26px;opacity:.75">Курсы на русском и английском</div>
  </div>
</div></body></html>"""


def _png(page, html: str, width: int, height: int) -> bytes:
    page.set_viewport_size({"width": width, "height": height})
    page.set_content(html)
    return page.screenshot(omit_background=True)


def main() -> None:
    svg = (ASSETS / "logo.svg").read_text()
    inline = base64.b64encode(svg.encode()).decode()
    image = f'<img src="data:image/svg+xml;base64,{inline}" width="{{0}}" height="{{0}}">'
    icon = f'<html><body style="margin:0">{image}</body></html>'
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page()
        big = Image.open(io.BytesIO(_png(page, icon.format(512), 512, 512)))
        big.save(ASSETS / "logo-512.png")
        big.resize((180, 180), Image.LANCZOS).save(ASSETS / "apple-touch-icon.png")
        big.save(ASSETS / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])
        (ASSETS / "social-preview.png").write_bytes(_png(page, PREVIEW.format(svg=inline), 1200, 630))
        browser.close()
    print("wrote", ", ".join(sorted(p.name for p in ASSETS.iterdir())))


if __name__ == "__main__":
    main()
