"""Markdown bodies converted by a forked helper while Pelican reads.

Pelican reads the articles one by one in the build process, and converting
their bodies is most of that time, while the other core has only the share
cards to draw. From ``VIETNAMESE_HELPER_FROM`` bodies on (and when forking
is safe), a forked child converts bodies too. Each body is claimed once, by
whichever process reaches it first (a flag per body in shared memory, under
one lock), so the work splits itself whatever order Pelican reads in, and
no body is converted twice. The child sends its HTML through a pipe; the
reader takes a body the child claimed from there, waiting if it is still
being converted. A body the child could not convert, or every body of a
child that died, is converted by the reader itself with the same function:
the same HTML, and the same error message for a bad body.
"""

from __future__ import annotations

import multiprocessing

from markdown import Markdown

from portal.allocator import frozen_for_fork
from portal.parallel import can_fork, fresh_logging
from portal.safety import clean_html

FREE, OURS, THEIRS = 0, 1, 2
BATCH = 16  # bodies per message: small enough that the reader seldom waits


def markdown_for_bodies(options: dict) -> Markdown:
    """A converter for bodies: Pelican's ``meta`` extension unhooked, as the
    reader's is once it has parsed a header (a body is never a header)."""
    md = Markdown(**options)
    if "meta" in md.preprocessors:
        md.preprocessors.deregister("meta")
    return md


def convert_body(md: Markdown, body: str) -> str:
    """The one conversion of a body: Markdown, then the allowlist."""
    md.reset()
    return clean_html(md.convert(body))


class Ahead:
    """The helper of one run: ``mine(key)`` before converting a body here,
    ``take(key)`` for a body the child has; ``close()`` at the end of reading."""

    def __init__(self, bodies: dict[str, str], options: dict):
        context = multiprocessing.get_context("fork")
        keys = list(bodies)
        self._index = {key: number for number, key in enumerate(keys)}
        self._flags = context.RawArray("b", len(keys))
        self._lock = context.Lock()
        self._received: dict[str, str | None] = {}
        self._conn, child_end = context.Pipe(duplex=False)
        _widen(child_end)
        self._process = context.Process(target=_child, args=(child_end, keys, bodies, options, self._flags,
                                                              self._lock), daemon=True)
        with frozen_for_fork():  # the child's collector never walks (and copies) the parent's objects
            self._process.start()
        child_end.close()
        self._open = True
        self.taken = 0

    def mine(self, key: str) -> bool:
        """True when this process is to convert the body ``key`` (it claims it
        now, or it is not one the helper knows); False: the child has it."""
        self.drain()
        number = self._index.get(key)
        if number is None:
            return True
        with self._lock:
            if self._flags[number] == FREE:
                self._flags[number] = OURS
                return True
            return self._flags[number] == OURS  # a file read twice: ours again

    def take(self, key: str) -> str | None:
        """The child's HTML of ``key``, waiting for it; ``None`` when it could
        not convert it or is gone (then convert it yourself)."""
        while key not in self._received and self._open:
            self._receive()
        found = self._received.pop(key, None)
        if found is not None:
            self.taken += 1
        return found

    def drain(self) -> None:
        """Receive what the child has sent so far (it never waits on a full pipe for long)."""
        while self._open and self._conn.poll():
            self._receive()

    def _receive(self) -> None:
        try:
            batch = self._conn.recv()
        except (EOFError, OSError):
            batch = None
        if batch is None:  # the child is done, or died
            self._open = False
            return
        self._received.update(batch)

    def close(self) -> None:
        """Stop the child (what it still converts nobody asked for) and reap it."""
        self._open = False
        try:
            self._conn.close()
        finally:
            if self._process.is_alive():
                self._process.terminate()
            self._process.join()


def _widen(conn) -> None:
    """A 1 MB pipe where Linux allows it (the child then seldom waits for the reader to drain it)."""
    try:
        import fcntl

        fcntl.fcntl(conn.fileno(), getattr(fcntl, "F_SETPIPE_SZ", 1031), 1 << 20)
    except (ImportError, OSError):
        pass


def _child(conn, keys: list[str], bodies: dict[str, str], options: dict, flags, lock) -> None:
    fresh_logging()
    try:
        md = markdown_for_bodies(options)
        batch: dict[str, str | None] = {}
        for number in range(len(keys) - 1, -1, -1):  # from the other end: fewer contested claims
            with lock:
                if flags[number] != FREE:
                    continue
                flags[number] = THEIRS
            key = keys[number]
            try:
                batch[key] = convert_body(md, bodies[key])
            except Exception:  # noqa: BLE001 - the reader converts it again and reports the error
                batch[key] = None
            if len(batch) >= BATCH:
                conn.send(batch)
                batch = {}
        if batch:
            conn.send(batch)
        conn.send(None)
    except (BrokenPipeError, OSError):
        pass  # the reader stopped listening
    finally:
        conn.close()


def start(bodies: dict[str, str], options: dict, least: int) -> Ahead | None:
    """A helper for ``bodies`` (memo key → Markdown), from ``least`` bodies on
    and when forking is safe; else ``None`` (the reader converts everything)."""
    if not least or len(bodies) < least or not can_fork():
        return None
    return Ahead(bodies, options)
