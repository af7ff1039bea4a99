"""The portal's Pelican plugins, one concern each (see README.md beside this file)."""
