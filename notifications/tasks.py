"""The worker's side of notifications: send the outbox, bundle the digests."""

from django_tasks import task

from notifications import digest, outbox


@task()
def send_outbox() -> int:
    """Send what is due; when something failed, come back when its retry is due.

    Only a run that saw a failure plans a retry, and only one, so the retries of a
    long outage do not multiply; ``manage.py send_notifications`` (the periodic
    sweep) picks up whatever a lost task left.
    """
    report = outbox.send_due()
    if report.failed and report.next_attempt_at and send_outbox.get_backend().supports_defer:
        send_outbox.using(run_after=report.next_attempt_at).enqueue()
    return report.sent


@task()
def send_digests(user_id: int | None = None) -> int:
    """Bundle the digest of one user (scheduled by notify) or of everyone (the sweep)."""
    count = digest.send_digests(user_id)
    if count:
        send_outbox.enqueue()
    return count
