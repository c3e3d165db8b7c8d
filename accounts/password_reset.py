"""Password-reset mail rendered in the request, sent by the worker."""

from django.template import loader
from wagtail.admin.forms.auth import PasswordResetForm

from accounts.mail import send_mail_task


class QueuedPasswordResetForm(PasswordResetForm):
    """Wagtail's reset form (WAGTAILADMIN_USER_PASSWORD_RESET_FORM), mail via the worker.

    Rendering stays here, where the request's language and the reset link's token
    are at hand; only the finished text goes into the task.
    """

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict,
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        subject = loader.render_to_string(subject_template_name, context)
        body = loader.render_to_string(email_template_name, context)
        html_body = None
        if html_email_template_name is not None:
            html_body = loader.render_to_string(html_email_template_name, context)
        send_mail_task.enqueue(
            subject=subject, body=body, to=[to_email], from_email=from_email, html_body=html_body
        )
