from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def two_factor_is_required(app_configs, **kwargs) -> list[Error]:
    """Switching two-step verification off is for the test suite only."""
    if getattr(settings, "TWO_FACTOR_REQUIRED", True):
        return []
    return [
        Error(
            "TWO_FACTOR_REQUIRED is off: moderators and superusers could log in with a "
            "password alone.",
            hint="Only kennisbank.settings.test turns it off.",
            id="accounts.E001",
        )
    ]
