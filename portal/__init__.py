"""The portal's domain core: pure rules with no Pelican import.

Plugins under ``plugins/`` are thin adapters over these modules. Everything
here is a plain function of plain data, unit-tested without a build.
"""
