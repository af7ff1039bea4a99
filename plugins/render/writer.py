"""A Pelican writer that queues pages instead of rendering them at once.

``write_file`` does what Pelican 4's does up to the rendering (pagination,
the page's local context, the override rules for one output name written
twice) and queues a ``Job``; ``jobs.flush`` renders the queue later, in
parallel and skipping unchanged pages. The order of the queue is the order
Pelican would have written the pages in.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from pelican.paginator import Paginator
from pelican.utils import get_relative_path, path_to_url, sanitised_join
from pelican.writers import Writer

logger = logging.getLogger(__name__)

QUEUE = "_RENDER_QUEUE"  # per run: the Writer's queue, for the finalized handler


@dataclass
class Job:
    name: str            # output name relative to the output folder
    path: str            # absolute output path (inside the staging folder)
    template: object     # jinja2.Template
    context: dict        # the page's local context
    own: dict            # what this page adds to the shared context (its kwargs)
    main: object | None  # the article or page the page is about, if any
    signature: bytes | None = None
    collected: dict = field(default_factory=dict)


class QueueingWriter(Writer):
    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self.jobs: list[Job] = []
        self.shared_context: dict | None = None
        settings[QUEUE] = self

    def write_file(self, name, template, context, relative_urls=False, paginated=None,
                   template_name=None, override_output=False, url=None, **kwargs):
        if not name:
            return
        if self.shared_context is None:
            self.shared_context = context
        if paginated is None:
            paginated = {key: val for key, val in kwargs.items() if key in {"articles", "dates"}}
        if paginated and template_name in self.settings["PAGINATED_TEMPLATES"]:
            per_page = self.settings["PAGINATED_TEMPLATES"][template_name] or self.settings["DEFAULT_PAGINATION"]
            paginators = {key: Paginator(name, url, val, self.settings, per_page) for key, val in paginated.items()}
            for page_num in range(next(iter(paginators.values())).num_pages):
                paginated_kwargs = kwargs.copy()
                for key, paginator in paginators.items():
                    page = paginator.page(page_num + 1)
                    paginated_kwargs.update({
                        f"{key}_paginator": paginator,
                        f"{key}_page": page,
                        f"{key}_previous_page": paginator.page(page_num) if page_num > 0 else None,
                        f"{key}_next_page": paginator.page(page_num + 2) if page_num + 1 < paginator.num_pages else None,
                    })
                self._queue(template, context, page.save_as, paginated_kwargs, relative_urls, override_output)
        else:
            self._queue(template, context, name, kwargs, relative_urls, override_output)

    def _queue(self, template, context, name, kwargs, relative_urls, override) -> None:
        local = context.copy()
        local["localsiteurl"] = local.get("localsiteurl", None)
        own = dict(kwargs)
        if relative_urls:
            relative_url = path_to_url(get_relative_path(name))
            local["SITEURL"] = relative_url
            local["localsiteurl"] = relative_url
            own["SITEURL"] = relative_url
            own["localsiteurl"] = relative_url
        local["output_file"] = name
        own["output_file"] = name
        local.update(kwargs)
        path = sanitised_join(self.output_path, name)
        path = self._claim(path, override)
        if path is None:
            return
        main = kwargs.get("article") if "article" in kwargs else kwargs.get("page")
        self.jobs.append(Job(name=name, path=path, template=template, context=local, own=own, main=main))

    def _claim(self, filename: str, override: bool) -> str | None:
        """Pelican's rules for one output name asked for twice."""
        from pelican.writers import FileOverwriteFailedError

        if filename in self._overridden_files:
            if override:
                raise FileOverwriteFailedError(
                    f'Failed to overwrite "{filename}" a second time (was previously overwritten)')
            logger.info('Skipping "%s", not overwriting', filename)
            return None
        if filename in self._written_files:
            if not override:
                raise FileOverwriteFailedError(
                    f'Failed to overwrite "{filename}" as Pelican has already written to it previously '
                    "(set `override=True` if intended)")
            logger.info('Overwriting "%s"', filename)
            self.jobs[:] = [job for job in self.jobs if job.path != filename]
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        return filename

