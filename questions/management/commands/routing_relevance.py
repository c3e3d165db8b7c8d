"""Print MRR, top-1 and recall@5 of the router per kind, next to a plain BM25 baseline."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from questions import routing_set
from questions.routing import RoutingRequest, preview
from search import client, relevance


def route(judged: routing_set.RoutingQuestion) -> list[str]:
    request = RoutingRequest(title=judged.question, body="", asker_code=judged.asker)
    return [
        candidate.municipality_code
        for candidate in preview(request, limit=routing_set.RANKED, members=True)
    ]


class Command(BaseCommand):
    help = "Measure question routing (MRR, top-1, recall@5 per kind) on the demo content."

    def handle(self, *args, **options) -> None:
        if not client.is_configured():
            raise CommandError("The baseline needs Elasticsearch: set ELASTICSEARCH_URL.")
        relevance.ensure_demo_content()
        # Its own index prefix: never the site's live index.
        prefix = f"{settings.ELASTICSEARCH_INDEX_PREFIX}-routing"
        with override_settings(ELASTICSEARCH_INDEX_PREFIX=prefix):
            relevance.index_now()
            columns = {
                "router": routing_set.evaluate(route),
                "bm25": routing_set.evaluate(routing_set.baseline),
            }
        header = f"{'kind':<13}" + "".join(
            f"{f'{name} {metric}':>16}" for metric in ("mrr", "top1", "recall5") for name in columns
        )
        self.stdout.write(header)
        for kind in (*routing_set.KINDS, "overall"):
            row = "".join(
                f"{columns[name][kind][metric]:>16.3f}"
                for metric in ("mrr", "top1", "recall5")
                for name in columns
            )
            self.stdout.write(f"{kind:<13}{row}")
