"""Build phase timings for ``invoke bench`` (inactive unless asked).

Reads: ``settings["PORTAL_TIMINGS"]`` (filled by handlers decorated with
``portal.timing.timed``) and the moments Pelican's own stages start and end.
Writes: when the environment variable ``PORTAL_TIMINGS_FILE`` names a file,
a JSON object ``{phase: seconds}`` to it when the process ends (after every
``finalized`` handler). Signals: ``initialized``,
``get_writer``, ``finalized``. Keep it first in ``PLUGINS``.
"""

from pelican import signals

from .handlers import mark_start, rendering_done, writer_ready


def register():
    signals.initialized.connect(mark_start)
    signals.get_writer.connect(writer_ready)
    signals.finalized.connect(rendering_done)
