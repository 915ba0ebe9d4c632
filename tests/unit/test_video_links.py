"""Lesson video URLs map to the player that can show them."""

import pytest

from eduplatform.video_links import video_embed

YT = "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", ("youtube", YT)),
        ("https://youtube.com/watch?v=dQw4w9WgXcQ&t=42", ("youtube", YT)),
        ("https://youtu.be/dQw4w9WgXcQ", ("youtube", YT)),
        ("https://www.youtube.com/embed/dQw4w9WgXcQ", ("youtube", YT)),
        ("https://www.youtube.com/shorts/dQw4w9WgXcQ", ("youtube", YT)),
        ("https://vimeo.com/76979871", ("vimeo", "https://player.vimeo.com/video/76979871")),
        ("https://player.vimeo.com/video/76979871", ("vimeo", "https://player.vimeo.com/video/76979871")),
        ("https://cdn.example.com/intro.mp4", ("file", "https://cdn.example.com/intro.mp4")),
        ("https://www.youtube.com/channel/abc", ("file", "https://www.youtube.com/channel/abc")),
        ("javascript:alert(1)", ("", "")),
        ("ftp://example.com/a.mp4", ("", "")),
        ("", ("", "")),
    ],
)
def test_video_embed(url, expected):
    assert video_embed(url) == expected
