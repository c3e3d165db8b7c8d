"""What the site frame shows of questions: the "Vragen" link, for members only."""

from django import template

from questions import access

register = template.Library()


@register.filter
def acts_for_a_municipality(user) -> bool:
    return access.can_ask(user)


@register.simple_tag
def waiting_invitations(user) -> int:
    """How many invitations wait for ``user`` (shown beside "Uitnodigingen")."""
    return access.waiting(user).count()
