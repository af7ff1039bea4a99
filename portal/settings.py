"""Settings: each plugin declares its defaults once; they are merged here."""

from __future__ import annotations

import difflib
import logging

logger = logging.getLogger(__name__)


def check_whole_number(settings: dict | None, key: str, default: int, problems, hint: str, least: int = 0) -> None:
    """An error (naming the setting) unless ``settings[key]`` is an int ≥ ``least`` (not a bool)."""
    value = (settings or {}).get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < least:
        problems.error("pelicanconf.py", key, f"giá trị «{value}» không hợp lệ", hint)


def merge_defaults(settings: dict, defaults: dict, prefix: str) -> None:
    """Fill missing settings from ``defaults``; warn about unknown ``prefix`` keys."""
    for key, value in defaults.items():
        settings.setdefault(key, value)
    for key in settings:
        if key.startswith(prefix) and key not in defaults:
            near = difflib.get_close_matches(key, list(defaults), n=1)
            logger.warning("Unknown setting %s%s", key, f" (did you mean {near[0]}?)" if near else "")


def plugin_name(plugin) -> str:
    return plugin if isinstance(plugin, str) else getattr(plugin, "__name__", str(plugin))


def plugin_settings_modules(settings: dict):
    """``(plugin name, its settings module)`` for each plugin in ``PLUGINS`` that has one."""
    import importlib

    for plugin in settings.get("PLUGINS") or ():
        name = plugin_name(plugin)
        try:
            module = importlib.import_module(f"{name}.settings")
        except ModuleNotFoundError as exc:
            if exc.name != f"{name}.settings":
                raise
            continue
        yield name, module


def merge_all(settings: dict) -> dict:
    """Merge the declared defaults of every plugin in ``PLUGINS``, once.

    Each plugin declares ``DEFAULTS`` (and optionally ``PREFIX``; default: its
    name in capitals, ``IMAGES_``) in its ``settings`` module. The build (at
    ``initialized``, before any check runs) and ``invoke check`` both call
    this, so a check sees every plugin's settings, configured or default.
    """
    if settings.get(_MERGED):
        return settings
    for name, module in plugin_settings_modules(settings):
        prefix = getattr(module, "PREFIX", name.rsplit(".", 1)[-1].upper() + "_")
        merge_defaults(settings, module.DEFAULTS, prefix)
    settings[_MERGED] = True
    return settings


_MERGED = "PORTAL_SETTINGS_MERGED"


def declared_checks(settings: dict) -> list[str]:
    """The content checks (``module:function``) that the plugins in ``PLUGINS``
    declare as ``CHECKS`` in their settings module: a disabled plugin's
    checks do not run."""
    checks: list[str] = []
    for _, module in plugin_settings_modules(settings):
        checks.extend(c for c in getattr(module, "CHECKS", ()) if c not in checks)
    return checks
