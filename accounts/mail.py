"""Mail to users goes through the task worker, never the web request.

An SMTP server that is slow or down must not make a page hang or fail; the task
result records the error for /health and the admin. Messages are rendered by the
caller (in the user's language, with the request's links) and passed as plain
strings, which is what a task may carry:
``send_mail_task.enqueue(subject=..., body=..., to=[...])``.
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
    # A rendered subject template may end in a newline; headers may not contain one.
    message = EmailMultiAlternatives("".join(subject.splitlines()), body, from_email, to)
    if html_body:
        message.attach_alternative(html_body, "text/html")
    message.send()
