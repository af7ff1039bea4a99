"""Signal handlers of the buildstamp plugin (thin: the work is in ``portal.stamp``)."""

from __future__ import annotations

from portal.settings import merge_all

from portal.stamp import build_stamp


def merge_settings(pelican) -> None:
    merge_all(pelican.settings)


def add_stamp(generator) -> None:
    """``generator_init``: one stamp per build (every generator shares the context dict)."""
    settings = generator.settings
    if "build_stamp" not in generator.context:
        generator.context["build_stamp"] = build_stamp(settings.get("BUILDSTAMP_AT"),
                                                       settings.get("PORTAL_BUILD_DATE"),
                                                       precision=settings["BUILDSTAMP_PRECISION"])
