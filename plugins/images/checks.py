"""Image checks for `invoke check` (filled in by the images plugin work)."""


def check_images(portal, records, problems) -> None:
    return None
