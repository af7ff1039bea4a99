"""When the pages were built, for pages that depend on "today".

Campaign countdowns ("còn 14 ngày"), quota pace and scheduled articles are
true as of the build; the daily build (deploy/) refreshes them at 00:05. A
later build of the same day that plugins/uptodate skips or patches keeps
the stamp of the day's last full build (when those figures were computed).
Reads: ``BUILDSTAMP_AT``, ``PORTAL_BUILD_DATE``. Writes: nothing; puts
``build_stamp`` (a :class:`~portal.stamp.Stamp`: ``text`` such
as "00:05 01/12/2026", ``iso`` for ``<time datetime>``) in every template's
context; the footer of ``base.html`` shows "Cập nhật …". Signals:
``initialized`` (defaults), ``generator_init`` (context).
"""

from pelican import signals

from .handlers import add_stamp, merge_settings


def register():
    signals.initialized.connect(merge_settings)
    signals.generator_init.connect(add_stamp)
