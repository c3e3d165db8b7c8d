"""The worker posts webhook deliveries; a web request never does."""

from django_tasks import task

from api.webhook_delivery import deliver_due


@task()
def deliver_webhooks() -> int:
    """Post what is due; after a failure, come back when the next retry is due."""
    report = deliver_due()
    if report.failed and report.next_attempt_at and deliver_webhooks.get_backend().supports_defer:
        deliver_webhooks.using(run_after=report.next_attempt_at).enqueue()
    return report.delivered
