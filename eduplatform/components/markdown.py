"""Safe markdown for teacher-written lesson content."""

from __future__ import annotations

from typing import Any

import reflex as rx

# A rehype plugin (runs on the HTML tree before react-markdown renders it): a link whose
# URL has a scheme other than http(s)/mailto becomes a <span> with the link's text, and
# such an image becomes its alt text. react-markdown's own URL filter would only blank
# the URL, leaving a dead <a href=""> (and an <img src="">, which React warns about).
# Relative and fragment URLs have no scheme (no ":" before the first "/", "?" or "#").
UNSAFE_URLS_TO_TEXT: rx.Var[Any] = rx.Var(
    _js_expr="""(() => (tree) => {
  const safe = (url) => {
    const colon = url.indexOf(":");
    const end = url.search(/[/?#]/);
    return colon === -1 || (end !== -1 && colon > end) || /^(https?|mailto):/i.test(url);
  };
  const walk = (node) => {
    if (node.type === "element") {
      const attr = node.tagName === "a" ? "href" : node.tagName === "img" ? "src" : null;
      const url = attr && node.properties ? String(node.properties[attr] ?? "").trim() : "";
      if (attr && !safe(url)) {
        if (node.tagName === "img") {
          node.children = [{ type: "text", value: String(node.properties.alt ?? "") }];
        }
        node.tagName = "span";
        node.properties = { className: ["unsafe-link"] };
      }
    }
    (node.children || []).forEach(walk);
  };
  walk(tree);
})""",
)


@rx.memo
def lesson_markdown(content: rx.Var[str]) -> rx.Component:
    """The markdown as a component of its own.

    Reflex builds react-markdown's component map with a function that calls a hook
    (``useContext(ColorModeContext)``) in whatever component renders the markdown. Inline
    in a list or behind a condition (the editor's preview, shown when a lesson opens),
    that hook comes and goes and React reports "a change in the order of Hooks"; inside
    its own component it is always called.
    """
    return rx.markdown(
        content,
        use_raw=False,
        use_math=False,
        use_katex=False,
        rehype_plugins=[UNSAFE_URLS_TO_TEXT],
    )


def safe_markdown(content: rx.Var, **props) -> rx.Component:
    """Render markdown without raw HTML.

    Lesson content is written by teachers and read by everyone, so raw HTML
    (``<script>``, ``<iframe>``, ``onerror=`` attributes) must never reach the
    DOM: the rehype-raw plugin stays off, which makes react-markdown drop HTML,
    and links or images with an unsafe URL scheme (``javascript:``, ``data:``,
    ``vbscript:``) are rendered as plain text. Math/KaTeX stay off too: they are
    not needed and widen the surface.
    """
    return rx.box(lesson_markdown(content=content), class_name="lesson-content", **props)
