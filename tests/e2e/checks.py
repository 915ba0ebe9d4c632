"""Checks every browser test can run on a page: console errors and React warnings,
axe-core accessibility violations, horizontal overflow."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

from playwright.sync_api import ConsoleMessage, Page

AXE = Path(__file__).with_name("vendor") / "axe-core" / "axe.min.js"
# axe-core impacts that fail a test; "moderate" and "minor" are reported by axe but not gated.
BLOCKING_IMPACTS = ("serious", "critical")


class ConsoleWatch:
    """Collects console errors, React warnings and uncaught exceptions of one page.

    A resource the offline test machine cannot fetch from another host (an embedded
    YouTube player, a video file elsewhere) is the network's doing, not the app's: the
    browser logs "Failed to load resource" for it, which is ignored for other origins,
    as is the status of the page's own document (the 404 page answers 404).
    """

    def __init__(self, page: Page, app_url: str) -> None:
        self.app_host = urlparse(app_url).netloc
        self.page = page
        self.problems: list[str] = []
        page.on("console", self._on_console)
        page.on("pageerror", lambda exc: self.problems.append(f"uncaught: {exc}"))

    def _on_console(self, message: ConsoleMessage) -> None:
        text = message.text
        if message.type == "error":
            url = (message.location or {}).get("url", "")
            source = urlparse(url).netloc
            if text.startswith("Failed to load resource") and source and source != self.app_host:
                return
            # The document's own status: the 404 page is served with 404 on purpose.
            if text.startswith("Failed to load resource") and url == self.page.url:
                return
            self.problems.append(f"console.error: {text[:500]}")
        elif message.type == "warning" and _is_react_warning(text):
            self.problems.append(f"React warning: {text[:500]}")

    def take(self) -> list[str]:
        """The problems seen since the last call."""
        problems, self.problems = self.problems, []
        return problems


def _is_react_warning(text: str) -> bool:
    # React 18/19 development builds word their checks like these.
    return text.startswith("Warning:") or "React" in text or "In HTML, " in text or "cannot be a" in text


def axe_violations(page: Page) -> list[str]:
    """Serious and critical axe-core violations of the page as it is now."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async () => {
            const r = await axe.run(document, {resultTypes: ["violations"]});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 3).map(n => n.target.join(" "))}));
        }"""
    )
    return [
        f"{v['impact']} {v['id']}: {v['help']} at {', '.join(v['nodes'])}"
        for v in result
        if v["impact"] in BLOCKING_IMPACTS
    ]


def horizontal_overflow(page: Page) -> str | None:
    """The widest element sticking out of the viewport, if the page scrolls sideways."""
    return page.evaluate(
        """() => {
            const width = document.documentElement.clientWidth;
            if (document.documentElement.scrollWidth <= width) return null;
            let worst = null;
            for (const el of document.querySelectorAll("body *")) {
                const r = el.getBoundingClientRect();
                if (r.right > width + 1 && (!worst || r.right > worst.r.right)) worst = {el, r};
            }
            if (!worst) return `scrollWidth ${document.documentElement.scrollWidth} > ${width}`;
            const cls = String(worst.el.className).slice(0, 60);
            const name = `${worst.el.tagName.toLowerCase()}#${worst.el.id}.${cls}`;
            return `${name} reaches ${Math.round(worst.r.right)}px of ${width}px`;
        }"""
    )
