"""The generator that publishes processed images from the cache into the output."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

from pelican.generators import Generator
from pelican.log import console

from portal.paths import UnsafeSourceError, WriteGuard, guard_write, link_or_copy
from portal.timing import timed

from .settings import RUN_KEY


def publish_file(source: Path, dest: Path, link: bool, output: Path, guard=None, folders: set | None = None) -> None:
    """Hard-link (cache files) or copy ``source`` to ``dest``, which must lie
    inside ``output`` (``guard_write``, or a ``WriteGuard`` of ``output`` for
    many files); a symlinked source is never followed. ``folders``: the
    folders made so far, for many files (each made once)."""
    (guard or (lambda target: guard_write(target, output)))(dest)
    try:
        found = os.lstat(source)
    except OSError:
        raise UnsafeSourceError(source) from None
    if not stat.S_ISREG(found.st_mode):  # a symlink, a folder, a device: never published
        raise UnsafeSourceError(source)
    folder = dest.parent
    if folders is None or folder not in folders:
        folder.mkdir(parents=True, exist_ok=True)
        if folders is not None:
            folders.add(folder)
    try:
        os.unlink(dest)  # what an earlier run left there (a symlink itself, never its target)
    except FileNotFoundError:
        pass
    if link:
        link_or_copy(source, dest)
    else:
        shutil.copy2(source, dest)


class ImagesGenerator(Generator):
    """Reads: the run's ``outputs`` and ``shares`` (cache files and raw non-image files from
    content/images). Writes: them under the output folder; logs
    ``Ảnh: đã xử lý N, dùng lại M``."""

    def generate_context(self) -> None:
        return None

    @timed("images")
    def generate_output(self, writer) -> None:
        del writer  # files are copied, not rendered
        run = self.settings[RUN_KEY]
        output = Path(self.output_path)
        cache_root = str(run.cache.root) + os.sep  # cache entries are made as run.cache.root / key
        guard, folders = WriteGuard(output), set()
        for out_rel, source in run.published():
            source = Path(source)
            if run.pending(source):
                continue  # a card still being drawn: published by handlers.finish_cards
            # processed files from the cache are hard-linked; anything else is copied
            publish_file(source, output / out_rel, link=str(source).startswith(cache_root), output=output,
                         guard=guard, folders=folders)
        run.cache.save()
        # A run summary like Pelican's own "Done: ..." line: shown without -v.
        console.print(f"Ảnh: đã xử lý {run.processed}, dùng lại {run.reused}")
