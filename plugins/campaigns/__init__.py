"""Communication campaigns.

Reads: ``settings['PORTAL'].campaigns`` (parsed from ``content/data/campaigns.yml``
by the contract plugin with ``campaigns.model``), the validator's per-article
matches (``PORTAL.records``), optional landing prose ``content/campaigns/<id>.md``
and the campaign images.
Writes: ``article.campaign_refs`` (list of ``(Campaign, Edition | None)``) on
every article; the pages ``chien-dich/``, ``chien-dich/<id>/`` and
``chien-dich/<id>/<year>/`` (paginated at ``.../trang/N/``); the context
variables ``campaign_highlights`` (home page strip) and ``campaign_index``;
the Jinja filter ``campaign_url``.
Signals: ``initialized`` (settings), ``generator_init`` (filters),
``article_generator_finalized`` (``campaign_refs``), ``get_generators``
(``CampaignsGenerator``).
Checks for ``invoke check``: ``campaigns.checks:check_campaigns``.
"""

from pelican import signals

from .handlers import add_filters, attach_campaigns, get_generators, init_settings


def register():
    signals.initialized.connect(init_settings)
    signals.generator_init.connect(add_filters)
    signals.article_generator_finalized.connect(attach_campaigns)
    signals.get_generators.connect(get_generators)
