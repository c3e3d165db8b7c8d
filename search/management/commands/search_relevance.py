"""Print nDCG@10 of the relevance set per kind, for Elasticsearch and the fallback."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.test.utils import override_settings

from search import client, es_search, fallback, relevance
from search.service import SearchRequest


def _ids(response) -> list[str]:
    return [hit.external_id for hit in response.hits]


class Command(BaseCommand):
    help = "Measure search relevance (nDCG@10 per kind) on the demo content."

    def handle(self, *args, **options) -> None:
        relevance.ensure_demo_content()
        request = lambda query: SearchRequest(q=query, members=True, page_size=relevance.CUTOFF)  # noqa: E731
        columns = {
            "database": relevance.evaluate(
                lambda q: _ids(fallback.search(request(q), degraded=False))
            )
        }
        if client.is_configured():
            # Its own index prefix: never the site's live index.
            prefix = f"{settings.ELASTICSEARCH_INDEX_PREFIX}-relevance"
            with override_settings(ELASTICSEARCH_INDEX_PREFIX=prefix):
                relevance.index_now()
                columns["elasticsearch"] = relevance.evaluate(
                    lambda q: _ids(es_search.search(request(q), timeout=60))
                )
        names = list(columns)
        self.stdout.write(f"{'kind':<14}" + "".join(f"{name:>15}" for name in names))
        for kind in columns["database"]:
            row = "".join(f"{columns[name][kind]:>15.3f}" for name in names)
            self.stdout.write(f"{kind:<14}{row}")
