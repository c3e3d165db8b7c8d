"""The API's write log in the Wagtail admin (Instellingen → API-schrijfacties): read-only.

A record of what partner systems and people wrote through /api/v1, refusals
included (api.audit); the Kennisredactie reads it, nobody edits or deletes it.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet

from api.audit_models import ApiWriteAudit


class ApiWriteAuditViewSet(ModelViewSet):
    model = ApiWriteAudit
    icon = "history"
    menu_label = _("API writes")
    add_to_settings_menu = True
    list_display = ["created_at", "method", "path", "status", "token", "user", "object_label"]
    list_filter = ["method", "status", "token__municipality"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "created_at",
        "method",
        "path",
        "status",
        "token",
        "user",
        "object_type",
        "object_id",
    ]
    copy_view_enabled = False
    form_fields = []
