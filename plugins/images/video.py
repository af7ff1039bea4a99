"""The ``Video:`` field: a click-to-load player that contacts nobody before the click."""

from __future__ import annotations

import mimetypes
import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlparse

from .model import Picture

_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{6,20}$")
_YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "music.youtube.com",
                  "youtube-nocookie.com", "www.youtube-nocookie.com"}
_VIDEO_TYPES = {".mp4": "video/mp4", ".webm": "video/webm", ".ogv": "video/ogg", ".m4v": "video/mp4",
                ".mov": "video/quicktime"}


@dataclass(frozen=True)
class VideoPlayer:
    """``kind``: youtube (click inserts a youtube-nocookie iframe), file (a
    local <video preload="none">) or link (any other host: a plain link)."""

    kind: str
    url: str                      # as written in the article (absolute for local files)
    title: str = ""
    embed_url: str = ""           # youtube only: loaded on click
    watch_url: str = ""           # youtube only: the plain link for readers without JavaScript
    mime: str = ""                # file only
    poster: Picture | None = None
    duration: int | None = None   # seconds (the article's Video_duration), when known

    @property
    def duration_label(self) -> str:
        """``3:25`` / ``1:02:30`` ("" when unknown)."""
        if not self.duration:
            return ""
        hours, rest = divmod(self.duration, 3600)
        minutes, seconds = divmod(rest, 60)
        return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"

    @property
    def duration_iso(self) -> str:
        """ISO 8601 duration for ``<time datetime>`` (``PT3M25S``; "" when unknown)."""
        if not self.duration:
            return ""
        hours, rest = divmod(self.duration, 3600)
        minutes, seconds = divmod(rest, 60)
        return "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "") + (f"{seconds}S" if seconds else "")

    @property
    def link(self) -> str:
        """The address to open the video itself (watch page, file or link)."""
        return self.watch_url or self.url


def youtube_id(url: str) -> str | None:
    """The video id of a YouTube address, or None."""
    parsed = urlparse(url.strip())
    host = (parsed.hostname or "").lower()
    candidate = None
    if host in ("youtu.be", "www.youtu.be"):
        candidate = parsed.path.strip("/").split("/")[0]
    elif host in _YOUTUBE_HOSTS:
        parts = [p for p in parsed.path.split("/") if p]
        if parts[:1] == ["watch"]:
            candidate = (parse_qs(parsed.query).get("v") or [None])[0]
        elif len(parts) >= 2 and parts[0] in ("embed", "shorts", "live", "v"):
            candidate = parts[1]
    if candidate and _YOUTUBE_ID.match(candidate):
        return candidate
    return None


def start_seconds(url: str) -> int:
    """``t=90``, ``t=1m30s`` or ``start=90`` from a YouTube address (0 if none)."""
    query = parse_qs(urlparse(url).query)
    raw = (query.get("t") or query.get("start") or ["0"])[0]
    match = re.fullmatch(r"(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s?)?", raw)
    if not match:
        return 0
    h, m, s = (int(x) if x else 0 for x in match.groups())
    return h * 3600 + m * 60 + s


def video_mime(path: str) -> str:
    suffix = "." + path.rsplit(".", 1)[-1].lower() if "." in path else ""
    return _VIDEO_TYPES.get(suffix) or mimetypes.guess_type(path)[0] or "video/mp4"


def youtube_player(url: str, video_id: str, title: str, poster: Picture | None,
                   duration: int | None = None) -> VideoPlayer:
    start = start_seconds(url)
    embed = f"https://www.youtube-nocookie.com/embed/{video_id}?autoplay=1&rel=0"
    if start:
        embed += f"&start={start}"
    return VideoPlayer("youtube", url, title, embed_url=embed,
                       watch_url=f"https://www.youtube.com/watch?v={video_id}", poster=poster, duration=duration)
