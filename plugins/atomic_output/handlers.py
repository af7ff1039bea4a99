"""Stage every build in a sibling folder; swap it in only on success."""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

from portal.paths import guard_write
from portal.rendered import output_swapped

logger = logging.getLogger(__name__)

STAGING_SUFFIX = ".dang-dung"
OLD_SUFFIX = ".cu"


def staging_path(target: Path) -> Path:
    return target.with_name(target.name + STAGING_SUFFIX)


def stage_output(pelican) -> None:
    """``get_generators``: send this run's output to a fresh staging folder."""
    target = Path(getattr(pelican, "_final_output_path", pelican.output_path))
    pelican._final_output_path = str(target)
    staging = guard_write(staging_path(target), target.parent, action="xoá")  # never a symlink
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    pelican.output_path = str(staging)
    pelican.settings["OUTPUT_PATH"] = str(staging)


def swap_output(pelican) -> None:
    """``finalized``: replace the real output folder by the finished staging folder."""
    target = Path(pelican._final_output_path)
    staging = Path(pelican.output_path)
    old = guard_write(target.with_name(target.name + OLD_SUFFIX), target.parent, action="xoá")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        os.replace(target, old)
    os.replace(staging, target)
    if old.exists():
        shutil.rmtree(old)
    pelican.output_path = str(target)
    pelican.settings["OUTPUT_PATH"] = str(target)
    logger.info("Output published to %s", target)
    output_swapped(pelican)
