"""Settings of the images plugin: every default declared once, merged at ``initialized``."""

from __future__ import annotations

from portal.imagefile import MAX_PIXELS

DEFAULTS = {
    # Folder under content/ whose every file is processed (never copied raw).
    "IMAGES_DIR": "images",
    # Responsive widths (px). Never upscaled: a 480 px original gets 360 and 480.
    "IMAGES_WIDTHS": [360, 720, 1080, 1440],
    # Width of the JPEG in <img src> (browsers without srcset, feed readers).
    "IMAGES_DEFAULT_WIDTH": 720,
    # How wide the image is shown, for the browser to pick from srcset.
    # (theme: the main column is full width up to 60em, then about 48rem)
    "IMAGES_SIZES": "(min-width: 60em) 48rem, 100vw",
    "IMAGES_GALLERY_SIZES": "(min-width: 60em) 24rem, (min-width: 42em) 50vw, 100vw",
    # List thumbnails: a 3:2 cover crop (the theme's .thumb box), at each scale
    # of IMAGES_THUMB_SCALES (3x: the home lead and featured cards, up to
    # 28rem wide, stay sharp on 2x screens).
    "IMAGES_THUMB_SIZE": [300, 200],
    "IMAGES_THUMB_SCALES": [1, 2, 3],
    "IMAGES_THUMB_SIZES": "(min-width: 36em) 11rem, 7.5rem",
    # Longest edge of the stripped copy written at the original path.
    "IMAGES_MAX_SIZE": 2560,
    "IMAGES_JPEG_QUALITY": 80,
    "IMAGES_WEBP_QUALITY": 75,
    # Open Graph share images (exactly this size), written under this folder.
    "IMAGES_OG_SIZE": [1200, 630],
    "IMAGES_OG_DIR": "images/og",
    # Generated share card for articles without an image (the theme's union red and gold).
    "IMAGES_CARD_BACKGROUND": "#b3191c",
    "IMAGES_CARD_FOREGROUND": "#ffffff",
    "IMAGES_CARD_ACCENT": "#ffd54f",
    "IMAGES_FONT": None,  # None = the bundled DejaVu Sans Bold (plugins/images/fonts/)
    # Largest image accepted, in pixels (width × height). A bigger file (or a
    # "decompression bomb": a small file that claims a huge size) is an error
    # in `invoke check`, never decoded. 60 MP is about 9500×6300, above any phone or camera.
    # `invoke check` (which runs before plugins see the settings) applies this default;
    # the build's image pipeline applies the setting too (a file over it is not published).
    "IMAGES_MAX_PIXELS": MAX_PIXELS,  # 60_000_000 (portal.imagefile)
    # Featured images narrower than this get a warning (too small for a share card).
    "IMAGES_MIN_SHARE_WIDTH": 600,
    # Cache of processed images (None = <folder above content>/.cache/images).
    "IMAGES_CACHE_DIR": None,
    # Worker processes (None = os.cpu_count()).
    "IMAGES_WORKERS": None,
}

RUN_KEY = "_images_run"  # per-run state (ImageRun) in the settings of that run
EARLY_KEY = "_images_early"  # source images started before validation (portal.runstart), for start_run

# Run by `invoke check` and at the start of every build (portal.settings.declared_checks).
CHECKS = ["plugins.images.checks:check_images"]
