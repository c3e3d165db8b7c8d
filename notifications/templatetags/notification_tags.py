from django import template

from notifications.models import Notification

register = template.Library()


@register.inclusion_tag("notifications/includes/bell.html", takes_context=True)
def notification_bell(context) -> dict:
    """The bell in the header: the unread count for a logged-in user, nothing otherwise."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"show": False}
    return {
        "show": True,
        "unread": Notification.objects.filter(user=user).unread().count(),
        "current": request.resolver_match is not None
        and request.resolver_match.view_name == "notifications:list",
    }
