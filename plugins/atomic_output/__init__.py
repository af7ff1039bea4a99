"""Atomic output: a failed build never damages the last good site.

Reads/writes: redirects Pelican's output path to a sibling staging folder for
each run (``get_generators``), and swaps it in place of the real output only
when the run finished (``finalized``), then sends ``portal.output_swapped``
(``portal.rendered``). Register it LAST so every other ``finalized`` handler
(search index, …) still works inside the staging folder.
"""

from pelican import signals

from .handlers import stage_output, swap_output


def register():
    signals.get_generators.connect(stage_output)
    signals.finalized.connect(swap_output)
