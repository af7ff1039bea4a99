"""Which template files a page is rendered from: its template's closure.

A page's digest covers the templates its own template extends, includes
and imports, followed to the end, rather than every file of the theme: an
edit to the board's quota template renders the quota pages again, not the
10,000 article pages. The sources are read through the Jinja environment's
own loader, so a template in ``THEME_TEMPLATES_OVERRIDES`` that shadows
the theme's is the one digested, and a file that appears under a name a
template asks for changes the digest (a missing one is recorded as such).

A template that names another by an expression (``{% include name %}``)
cannot be followed: its closure is every template the environment lists.
"""

from __future__ import annotations

import hashlib

from jinja2 import Environment, TemplateNotFound, TemplateSyntaxError, meta

_MISSING = b"missing"


def closure_digest(env: Environment, name: str, references: dict | None = None) -> bytes:
    """One digest of the sources of ``name`` and of every template it
    extends, includes or imports, by name and content. ``references``
    remembers what each source names (by its digest and the environment's
    extensions: Pelican makes an environment per generator), for one run."""
    references = {} if references is None else references
    found: dict[str, bytes] = {}
    todo = [name]
    while todo:
        current = todo.pop()
        if current in found:
            continue
        source = _source(env, current)
        if source is None:
            found[current] = _MISSING
            continue
        found[current] = _digest(source)
        key = (current, found[current], tuple(sorted(env.extensions)))
        names = references.get(key)
        if names is None:
            try:
                names = references[key] = list(meta.find_referenced_templates(env.parse(source, current)))
            except TemplateSyntaxError:  # reported when the page renders; its source is digested
                names = references[key] = []
        if any(referenced is None for referenced in names):
            return all_templates_digest(env)
        todo.extend(names)
    return _combine(found)


def all_templates_digest(env: Environment) -> bytes:
    """One digest of every template the environment's loader lists."""
    found = {}
    for name in sorted(env.list_templates()):
        source = _source(env, name)
        found[name] = _MISSING if source is None else _digest(source)
    return _combine(found, b"all")


def _source(env: Environment, name: str) -> str | None:
    try:
        return env.loader.get_source(env, name)[0]
    except (TemplateNotFound, UnicodeDecodeError, OSError):
        return None


def _digest(source: str) -> bytes:
    return hashlib.blake2b(source.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def _combine(found: dict[str, bytes], kind: bytes = b"closure") -> bytes:
    hasher = hashlib.blake2b(kind, digest_size=32)
    for key in sorted(found):
        hasher.update(key.encode("utf-8", "surrogatepass") + b"\0" + found[key])
    return hasher.digest()
