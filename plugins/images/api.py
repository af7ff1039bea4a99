"""For other plugins: the processed version of a file under content/.

Call from a generator's ``generate_context``/``generate_output`` or a template
(the images plugin processes everything at ``article_generator_finalized``)::

    from plugins.images.api import picture_for, url_for
    pic = picture_for(self.settings, "images/campaigns/tet-sum-vay.jpg", alt="Tết Sum vầy")
    # pic.src, pic.width, pic.height, pic.srcset, pic.webp_srcset, pic.sizes, pic.largest

Templates get the same through the context: ``image_for(rel, alt)`` and
``image_url(rel)``; ``partials/media.html`` renders a Picture.
"""

from __future__ import annotations

from .model import Picture
from .settings import RUN_KEY


def picture_for(settings: dict, rel: str, alt: str = "", caption: str = "", sizes: str | None = None) -> Picture | None:
    """Responsive Picture (WebP + JPEG variants) of ``rel`` (path from content/), or None."""
    run = settings.get(RUN_KEY)
    return run.picture(rel, alt, caption, sizes) if run is not None else None


def url_for(settings: dict, rel: str) -> str | None:
    """Absolute URL of the stripped copy of ``rel`` (or of a non-image file under content/images)."""
    run = settings.get(RUN_KEY)
    return run.url_for(rel) if run is not None else None
