"""Opening an image file safely: the one place that decides whether a file is
a readable image within the pixel cap (Pillow only, no Pelican import).

Used by the images plugin (processing and ``invoke check``) and by the
campaigns plugin (campaign images): both import it from here, never from
each other.

- :func:`open_image`: ``Image.open`` (lazy) that refuses more than
  ``max_pixels`` from the header alone and turns Pillow's decompression-bomb
  warning/error into :class:`ImageTooLarge`; only the web decoders run.
- :func:`inspect`: the size as shown (EXIF orientation applied) after fully
  decoding the file; raises :class:`UnreadableImage` with a Vietnamese
  message and hint for editors.
"""

from __future__ import annotations

import warnings
from pathlib import Path

from PIL import Image

from portal.paths import HINT_HEIC

# The pixel cap (width × height). 60 MP is about 9500×6300, above any phone or
# camera. The images plugin's setting IMAGES_MAX_PIXELS defaults to this value.
MAX_PIXELS = 60_000_000
# The only decoders run on images from content/ (iPhone JPEGs may be MPO).
WEB_FORMATS = ("JPEG", "MPO", "PNG", "WEBP", "GIF")
ORIENTATION_TAG = 0x0112
ROTATED = {5, 6, 7, 8}  # EXIF orientations that swap width and height

HINT_FORMATS = "lưu lại ảnh dạng JPEG, PNG hoặc WebP rồi thay tệp"
HINT_TOO_LARGE = ("thu nhỏ ảnh (cạnh dài khoảng 2500–4000 px) bằng phần mềm xem ảnh rồi lưu lại dạng JPEG; "
                  "nếu tệp nhỏ mà vẫn báo lỗi này thì tệp bị hỏng hoặc cố ý làm sai: xoá và thay tệp khác")


class ImageProcessingError(ValueError):
    """A source file could not be turned into web images."""


class ImageTooLarge(ImageProcessingError):
    """More pixels than the cap (or a decompression bomb Pillow refuses)."""

    def __init__(self, size: tuple[int, int] | None, limit: int):
        self.size, self.limit = size, limit
        mp = f"{limit / 1_000_000:g}"
        if size:
            what = f"{size[0]}×{size[1]} điểm ảnh, tức {size[0] * size[1] / 1_000_000:.0f} megapixel"
        else:
            what = "kích thước khai báo trong tệp lớn bất thường"
        super().__init__(f"quá lớn ({what}; giới hạn {mp} megapixel)")


class UnreadableImage(ValueError):
    """Pillow cannot open or decode the file, or it has too many pixels.

    ``message`` completes «ảnh «x» …» in Vietnamese; ``hint`` says what to do.
    """

    def __init__(self, detail: str, message: str, hint: str):
        super().__init__(detail)
        self.message, self.hint = message, hint


def oriented_size(img: Image.Image) -> tuple[int, int]:
    """Size of the image as it should be shown (after EXIF orientation)."""
    width, height = img.size
    if img.getexif().get(ORIENTATION_TAG, 1) in ROTATED:
        return height, width
    return width, height


def open_image(path, max_pixels: int | None = MAX_PIXELS,
               formats: tuple[str, ...] | None = WEB_FORMATS) -> Image.Image:
    """``Image.open`` (lazy: nothing decoded yet) that refuses more than
    ``max_pixels`` from the header alone, and turns Pillow's decompression-bomb
    warning and error into :class:`ImageTooLarge`. Only ``formats`` decoders run."""
    if formats is not None:
        Image.init()  # register every plugin (MPO, WebP) before naming formats
        formats = tuple(f for f in formats if f in Image.OPEN)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            img = Image.open(path, formats=formats)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ImageTooLarge(None, max_pixels or Image.MAX_IMAGE_PIXELS or 0) from exc
    except (OSError, ValueError, SyntaxError) as exc:
        raise ImageProcessingError(f"không đọc được ảnh: {exc}") from exc
    width, height = img.size
    if max_pixels and width * height > max_pixels:
        img.close()
        raise ImageTooLarge((width, height), max_pixels)
    return img


def inspect(path: Path, max_pixels: int = MAX_PIXELS) -> tuple[int, int]:
    """(width, height) as shown, after fully decoding the file; raises UnreadableImage.

    The pixel count is checked from the header before anything is decoded, so
    a decompression bomb costs nothing.
    """
    try:
        with open_image(path, max_pixels) as img:
            size = oriented_size(img)
            if img.format == "JPEG":
                img.draft(img.mode if img.mode in ("RGB", "L") else None, (64, 64))
            img.load()
            return size
    except ImageTooLarge as exc:
        raise UnreadableImage(str(exc), str(exc), HINT_TOO_LARGE) from exc
    except (ImageProcessingError, OSError, ValueError, SyntaxError, EOFError, Image.DecompressionBombError) as exc:
        raise UnreadableImage(str(exc), "không phải tệp ảnh đọc được (tệp hỏng hoặc không phải ảnh)",
                              unreadable_hint(str(path))) from exc


def unreadable_hint(path: str) -> str:
    return HINT_HEIC if path.lower().endswith((".heic", ".heif")) else HINT_FORMATS
