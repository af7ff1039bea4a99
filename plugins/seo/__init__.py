"""seo plugin: work in progress."""


def register():
    pass
