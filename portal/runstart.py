"""The start of a build run, announced before its content is validated.

The contract plugin validates every article first, at ``get_generators``;
until it has, no plugin after it gets a signal, and one core idles while it
works. ``RUN_SIGNAL`` (a blinker signal by name) is sent with the run's
settings right before validation starts, so a plugin can begin work that
does not depend on the articles' validity (the images plugin processes the
files under ``content/images/``). Such work must be safe to throw away: a
run whose validation fails stops with that work unfinished.
"""

from __future__ import annotations

from blinker import signal

RUN_SIGNAL = "portal.run_started"


def announce(settings: dict) -> None:
    """Tell every receiver that a run is about to validate its content."""
    signal(RUN_SIGNAL).send(settings)
