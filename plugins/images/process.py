"""Image processing with Pillow: runs in worker processes, one job at a time.

Every output is re-encoded from pixels with an empty ``info`` dict: no EXIF
(no GPS position, no camera serial), no XMP, no comments. EXIF orientation is
applied first; colours are converted to sRGB when the file carries an ICC
profile. Each job writes its files into a fresh temporary folder beside its
cache entry, then renames it into place (an entry either exists whole or not
at all, so parallel builds sharing a cache never see half an entry); a share
card is one file, written beside its place and renamed the same way.
Opening a file (the pixel cap, decompression bombs) is ``portal.imagefile``.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageCms, ImageOps

from portal.imagefile import (ORIENTATION_TAG, ROTATED, WEB_FORMATS, ImageProcessingError, ImageTooLarge,  # noqa: F401
                             open_image, oriented_size)
from portal.paths import WriteGuard

from .card import card_jpeg
from .settings import DEFAULTS

# Bump when the recipe changes: every cache key changes with it.
RECIPE = 2
MANIFEST = "manifest.json"
RASTER_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".gif", ".tif", ".tiff", ".bmp"}
_KEEP_FORMAT = {"PNG": "png", "WEBP": "webp", "GIF": "gif"}
# Cover crops keep a little more of the top: faces and banners sit there.
CROP_CENTRE = (0.5, 0.4)


@dataclass
class Job:
    """One unit of work: ``kind`` is source | og | card | strip."""

    kind: str
    key: str
    entry: str                     # final cache folder of this job
    src: str | None = None         # absolute path of the source file (None for cards)
    params: dict = field(default_factory=dict)
    label: str = ""                # what to call it in messages (path from content/)
    max_pixels: int = DEFAULTS["IMAGES_MAX_PIXELS"]   # not in the cache key: it never changes pixels
    cache_root: str = ""           # the cache folder: the job writes nowhere else


def variant_widths(width: int, widths) -> list[int]:
    """Widths to make from an image ``width`` px wide: never upscaled; an image
    narrower than the largest width also gets its own width."""
    out = sorted({w for w in widths if w <= width})
    if width < max(widths) and width not in out:
        out.append(width)
    return sorted(out)


def scaled_height(width: int, height: int, new_width: int) -> int:
    return max(1, round(height * new_width / width))


def thumb_sizes(width: int, height: int, size, scales=(1, 2)) -> list[tuple[int, int]]:
    """Cover-crop sizes (``size`` times each of ``scales``) that fit inside the
    image (never upscaled)."""
    tw, th = size
    fits = [(tw * k, th * k) for k in scales if tw * k <= width and th * k <= height]
    if fits:
        return fits
    scale = min(width / tw, height / th)
    return [(max(1, round(tw * scale)), max(1, round(th * scale)))]


THUMB_SOURCE_MARGIN = 1.5


def thumb_source(scaled: list[Image.Image], size: tuple[int, int],
                 margin: float = THUMB_SOURCE_MARGIN) -> Image.Image:
    """The smallest of ``scaled`` (the image and its variants, largest first)
    at least ``THUMB_SOURCE_MARGIN`` times ``size`` both ways: a thumbnail
    resampled from it looks the same as from the full image, at a fraction of
    the pixels (a 300×200 crop from the 720 px variant, not from 2,000 px)."""
    wanted_w, wanted_h = size[0] * margin, size[1] * margin
    fitting = [img for img in scaled if img.width >= wanted_w and img.height >= wanted_h]
    return min(fitting, key=lambda img: img.width * img.height) if fitting else scaled[0]


def open_oriented(path: str, need: tuple[int, int] | None = None,
                  max_pixels: int | None = DEFAULTS["IMAGES_MAX_PIXELS"],
                  formats: tuple[str, ...] | None = WEB_FORMATS) -> tuple[Image.Image, str]:
    """Open, decode (JPEG at a reduced scale when only ``need`` px are needed),
    apply EXIF orientation, convert to sRGB RGB/RGBA. Returns (image, format)."""
    img = open_image(path, max_pixels, formats)
    try:
        fmt = img.format or ""
        if need and fmt == "JPEG":
            w, h = need
            if img.getexif().get(ORIENTATION_TAG, 1) in ROTATED:
                w, h = h, w
            img.draft(img.mode if img.mode in ("RGB", "L") else None, (w, h))
        img = ImageOps.exif_transpose(img)
        img.load()
    except (OSError, ValueError, Image.DecompressionBombError) as exc:
        raise ImageProcessingError(f"không đọc được ảnh: {exc}") from exc
    return _to_srgb(img), fmt


def _has_alpha(img: Image.Image) -> bool:
    return img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info)


def _to_srgb(img: Image.Image) -> Image.Image:
    alpha = _has_alpha(img)
    mode = "RGBA" if alpha else "RGB"
    icc = img.info.get("icc_profile")
    if icc and img.mode in ("RGB", "RGBA", "CMYK", "L"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            srgb = ImageCms.createProfile("sRGB")
            out = ImageCms.profileToProfile(img, source, srgb, outputMode=mode if img.mode != "L" else "RGB")
            if out is not None:
                img = out
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
            pass
    if img.mode != mode:
        img = img.convert(mode)
    img.info = {}
    return img


def _flatten(img: Image.Image) -> Image.Image:
    if img.mode == "RGB":
        return img
    background = Image.new("RGB", img.size, (255, 255, 255))
    background.paste(img, mask=img.getchannel("A"))
    return background


def _resize(img: Image.Image, size: tuple[int, int]) -> Image.Image:
    if img.size == size:
        return img.copy()
    return img.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)


def save(img: Image.Image, path: Path, fmt: str, params: dict) -> None:
    """Encode ``img`` as ``fmt`` with no metadata at all. ``img`` is the
    caller's own working image: its ``info`` (EXIF, ICC, XMP, comments) is
    emptied in place rather than the pixels copied (a copy per variant was a
    tenth of a share card's time)."""
    img.info = {}
    if fmt == "jpg":
        _flatten(img).save(path, "JPEG", quality=params.get("jpeg_quality", 80), optimize=True, progressive=True)
    elif fmt == "webp":
        img.save(path, "WEBP", quality=params.get("webp_quality", 75), method=4)
    elif fmt == "png":
        img.save(path, "PNG")
    elif fmt == "gif":
        img.save(path, "GIF")
    else:
        raise ImageProcessingError(f"định dạng đầu ra lạ: {fmt}")


def _cap(size: tuple[int, int], longest: int | None) -> tuple[int, int]:
    width, height = size
    if not longest or max(width, height) <= longest:
        return width, height
    scale = longest / max(width, height)
    return max(1, round(width * scale)), max(1, round(height * scale))


def _source(job: Job, out: Path) -> dict:
    """Stripped copy (capped), responsive WebP + JPEG variants, list thumbnails."""
    p = job.params
    with open_image(job.src, job.max_pixels) as probe:
        full = oriented_size(probe)
    copy_size = _cap(full, p["max_size"])
    img, fmt = open_oriented(job.src, need=copy_size, max_pixels=job.max_pixels)
    base = _resize(img, copy_size)
    copy_ext = _KEEP_FORMAT.get(fmt, "jpg")
    save(base, out / f"copy.{copy_ext}", copy_ext, p)
    manifest = {
        "kind": "source", "format": fmt, "width": full[0], "height": full[1],
        "copy": {"file": f"copy.{copy_ext}", "width": base.width, "height": base.height},
        "variants": [], "thumbs": [],
    }
    current = base
    scaled = [base]  # base and each variant, largest first: the thumbnails' sources
    for width in sorted(variant_widths(base.width, p["widths"]), reverse=True):
        size = (width, scaled_height(base.width, base.height, width))
        current = _resize(current, size)
        scaled.append(current)
        entry = {"width": size[0], "height": size[1]}
        for ext in ("webp", "jpg"):
            save(current, out / f"w{width}.{ext}", ext, p)
            entry[ext] = f"w{width}.{ext}"
        manifest["variants"].insert(0, entry)
    for size in thumb_sizes(base.width, base.height, p["thumb_size"], p.get("thumb_scales", (1, 2))):
        margin = p.get("thumb_source_margin")  # (none: from the image itself, as before)
        source = thumb_source(scaled, size, margin) if margin and margin >= 1 else base
        thumb = ImageOps.fit(source, size, Image.Resampling.LANCZOS, centering=CROP_CENTRE)
        entry = {"width": size[0], "height": size[1]}
        for ext in ("webp", "jpg"):
            save(thumb, out / f"t{size[0]}.{ext}", ext, p)
            entry[ext] = f"t{size[0]}.{ext}"
        manifest["thumbs"].append(entry)
    return manifest


def _og(job: Job, out: Path) -> dict:
    """A cover crop of exactly the share size (upscaled only if it must be)."""
    p = job.params
    width, height = p["size"]
    with open_image(job.src, job.max_pixels) as probe:
        full_w, full_h = oriented_size(probe)
    scale = max(width / full_w, height / full_h)
    need = (round(full_w * scale) + 1, round(full_h * scale) + 1) if scale < 1 else None
    img, _ = open_oriented(job.src, need=need, max_pixels=job.max_pixels)
    crop = ImageOps.fit(img, (width, height), Image.Resampling.LANCZOS, centering=CROP_CENTRE)
    save(crop, out / "og.jpg", "jpg", {"jpeg_quality": p.get("jpeg_quality", 85)})
    return {"kind": "og", "file": "og.jpg", "width": width, "height": height}


def _card_jpeg(job: Job) -> bytes:
    p = job.params
    return card_jpeg(p["title"], p["sitename"], p["tagline"], p["font"], tuple(p["size"]), p["background"],
                     p["foreground"], p["accent"], quality=p.get("jpeg_quality", 85))


def _strip(job: Job, out: Path) -> dict:
    """Same pixels, same format, no metadata (for images copied as static files)."""
    img, fmt = open_oriented(job.src, max_pixels=job.max_pixels, formats=None)
    ext = _KEEP_FORMAT.get(fmt, "jpg")
    save(img, out / f"copy.{ext}", ext, job.params)
    return {"kind": "strip", "copy": {"file": f"copy.{ext}", "width": img.width, "height": img.height}}


_KINDS = {"source": _source, "og": _og, "strip": _strip}  # a card is one file: _run_card


_GUARDS: dict[str, WriteGuard] = {}


def _guard(root) -> WriteGuard:
    """One write guard per cache root and process: a worker writes thousands
    of entries into 256 folders, each resolved once (``guard_write`` resolved
    every component of both paths twice per entry: half of a card's file work)."""
    key = os.fspath(root)
    found = _GUARDS.get(key)
    if found is None:
        found = _GUARDS[key] = WriteGuard(root)
    return found


def card_file(entry: str | Path) -> Path:
    """Where a card's JPEG is kept: one file beside the folder other kinds
    of job would have, with no manifest (a card's is known from its job:
    ``card_manifest``). Ten thousand cards in a cold build: a folder, a
    manifest and a rename each were a third of a card's time."""
    return Path(f"{os.fspath(entry)}.jpg")


def card_manifest(job: Job) -> dict:
    """The manifest of a card job (``og.jpg`` at exactly the share size)."""
    width, height = job.params["size"]
    return {"kind": "card", "file": "og.jpg", "width": int(width), "height": int(height)}


def _run_card(job: Job) -> dict:
    """Draw a card into its cache file (written beside it, then renamed into
    place: the file is whole or absent, whatever runs at the same time)."""
    target = card_file(job.entry)
    manifest = card_manifest(job)
    if os.path.isfile(target):
        return manifest
    guard = _guard(job.cache_root or target.parent.parent)
    guard(target)
    data = _card_jpeg(job)
    tmp = guard(target.with_name(f"{target.name}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}"))
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    try:
        handle = os.open(tmp, flags, 0o644)
    except FileNotFoundError:  # the first entry of its folder
        tmp.parent.mkdir(parents=True, exist_ok=True)
        handle = os.open(tmp, flags, 0o644)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return manifest


def run_job(job: Job) -> dict:
    """Do one job into its cache entry; return its manifest. Runs in a worker."""
    if job.kind == "card":
        return _run_card(job)
    entry = Path(job.entry)
    existing = read_manifest(entry)
    if existing is not None:
        return existing
    tmp = entry.with_name(f"{entry.name}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}")
    guard = _guard(job.cache_root or entry.parent.parent)
    guard(entry)
    guard(tmp)
    tmp.mkdir(parents=True)
    try:
        manifest = _KINDS[job.kind](job, tmp)
        (tmp / MANIFEST).write_text(json.dumps(manifest, sort_keys=True), encoding="utf-8")
        try:
            os.rename(tmp, entry)
        except OSError:
            # Another build finished the same entry first: keep theirs.
            shutil.rmtree(tmp, ignore_errors=True)
            return read_manifest(entry) or manifest
    except Exception:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return manifest


_METADATA_KEYS = {"exif", "xmp", "XML:com.adobe.xmp", "comment", "Comment", "photoshop",
                  "Raw profile type exif", "Raw profile type xmp"}


def carries_metadata(path: Path) -> bool:
    """True if the image file holds EXIF, XMP, comments or similar (False if unreadable)."""
    try:
        with Image.open(path) as img:
            return bool(img.getexif()) or any(key in img.info for key in _METADATA_KEYS) or any(
                isinstance(key, str) and key.lower().startswith(("exif", "xmp", "gps")) for key in img.info)
    except (OSError, ValueError):
        return False


def read_manifest(entry: Path) -> dict | None:
    try:
        return json.loads((entry / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
