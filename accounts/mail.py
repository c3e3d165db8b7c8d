"""Mail to users goes through the task worker, never the web request.

An SMTP server that is slow or down must not make a page hang or fail; the worker
retries nothing by itself, but the task result records the error for /health and
the admin. Messages are rendered by the caller (in the user's language, with the
request's links) and passed as plain strings, which is what a task may carry.
"""

from django.core.mail import EmailMultiAlternatives
from django_tasks import task


@task()
def send_mail_task(
    subject: str,
    body: str,
    to: list[str],
    from_email: str | None = None,
    html_body: str | None = None,
) -> None:
    message = EmailMultiAlternatives(subject, body, from_email, to)
    if html_body:
        message.attach_alternative(html_body, "text/html")
    message.send()


def queue_mail(
    subject: str,
    body: str,
    to: list[str],
    from_email: str | None = None,
    html_body: str | None = None,
) -> None:
    """Enqueue one message; subject lines lose their newlines, as Django requires."""
    send_mail_task.enqueue(
        subject="".join(subject.splitlines()),
        body=body,
        to=list(to),
        from_email=from_email,
        html_body=html_body,
    )
