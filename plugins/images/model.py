"""What templates and other plugins get: pictures built from cache manifests."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from . import paths


@dataclass(frozen=True)
class Picture:
    """One responsive image, ready for ``<picture>`` markup.

    ``src``/``width``/``height`` are the default JPEG (used by ``<img src>``,
    its size gives the aspect ratio); ``srcset``/``webp_srcset`` list every
    variant; ``full`` is the stripped full-size copy; ``largest`` the largest
    JPEG variant.
    """

    src: str
    width: int
    height: int
    srcset: str = ""
    webp_srcset: str = ""
    sizes: str = ""
    alt: str = ""
    caption: str = ""
    full: str = ""
    largest: str = ""

    def but(self, **changes) -> "Picture":
        return dataclasses.replace(self, **changes)


@dataclass
class SourceImage:
    """A file under content/ and the cache entry of its processed outputs."""

    rel: str                 # path from content/ (as found on disk)
    out_rel: str             # output path of the stripped copy
    key: str
    manifest: dict | None = None

    @property
    def ok(self) -> bool:
        return self.manifest is not None

    def outputs(self) -> dict[str, str]:
        """Output path -> file name inside the cache entry."""
        m = self.manifest
        out = {self.out_rel: m["copy"]["file"]}
        for v in m["variants"]:
            for ext in ("webp", "jpg"):
                out[paths.variant_rel(self.out_rel, v["width"], ext)] = v[ext]
        for t in m["thumbs"]:
            for ext in ("webp", "jpg"):
                out[paths.thumb_rel(self.out_rel, t["width"], ext)] = t[ext]
        return out

    def picture(self, siteurl: str, default_width: int, sizes: str, alt: str = "", caption: str = "") -> Picture:
        m = self.manifest
        variants = m["variants"]
        default = max((v for v in variants if v["width"] <= default_width), key=lambda v: v["width"],
                      default=variants[0])

        def srcset(ext: str) -> str:
            return _srcset(siteurl, self.out_rel, variants, paths.variant_rel, ext)

        return Picture(
            src=paths.url(siteurl, paths.variant_rel(self.out_rel, default["width"], "jpg")),
            width=default["width"], height=default["height"],
            srcset=srcset("jpg"), webp_srcset=srcset("webp"), sizes=sizes, alt=alt, caption=caption,
            full=paths.url(siteurl, self.out_rel),
            largest=paths.url(siteurl, paths.variant_rel(self.out_rel, variants[-1]["width"], "jpg")),
        )

    def thumb(self, siteurl: str, sizes: str, alt: str = "") -> Picture:
        thumbs = self.manifest["thumbs"]
        first = thumbs[0]

        def srcset(ext: str) -> str:
            return _srcset(siteurl, self.out_rel, thumbs, paths.thumb_rel, ext)

        return Picture(
            src=paths.url(siteurl, paths.thumb_rel(self.out_rel, first["width"], "jpg")),
            width=first["width"], height=first["height"],
            srcset=srcset("jpg"), webp_srcset=srcset("webp"), sizes=sizes, alt=alt,
        )


def og_dict(url: str, width: int, height: int, alt: str) -> dict:
    """``article.og_image`` as the SEO plugin reads it."""
    return {"url": url, "width": width, "height": height, "alt": alt, "type": "image/jpeg"}


def _srcset(siteurl: str, out_rel: str, entries: list[dict], rel_for, ext: str) -> str:
    """``url 360w, url 720w, …`` for manifest entries, with ``rel_for(out_rel, width, ext)``."""
    return ", ".join(f"{paths.url(siteurl, rel_for(out_rel, e['width'], ext))} {e['width']}w" for e in entries)
