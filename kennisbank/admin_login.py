"""The admin's login form, with labels in the user's language."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm


class LoginForm(WagtailLoginForm):
    """Wagtail's form with a translated label on the password field.

    Wagtail declares the field without one, so Django falls back to the English
    field name and the Dutch admin asks for a "Password".
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Password")
