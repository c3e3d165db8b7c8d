"""Who is calling: a partner system with its token, or an anonymous reader.

Anonymous callers read public data. A partner system sends
`Authorization: Bearer kb_<key>_<secret>` and acts for its municipality, a member of
the platform: it sees what logged-in members see (members-only casusbladen and
lessen), through the same cases.visibility rules the site uses. A wrong, malformed
or revoked token is refused with 401, never silently downgraded to anonymous.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from api.models import PartnerToken, parse_token


@dataclass(frozen=True)
class PartnerSystem:
    """request.user for a partner token: authenticated as a member, with no admin rights.

    Not a Django user, so nothing grants it a permission by accident; it answers
    the questions cases.visibility and DRF ask of a user.
    """

    token: PartnerToken

    is_authenticated = True
    is_anonymous = False
    is_active = True
    is_staff = False
    is_superuser = False

    @property
    def pk(self) -> None:
        return None

    @property
    def municipality(self):
        return self.token.municipality

    def has_perm(self, perm: str, obj=None) -> bool:
        return False

    def allows(self, scope: str) -> bool:
        return self.token.allows(scope)

    def __str__(self) -> str:
        return str(self.token)


class PartnerTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request: Request) -> tuple[PartnerSystem, PartnerToken] | None:
        header = authentication.get_authorization_header(request).decode("latin-1").split()
        if not header or header[0].lower() != self.keyword.lower():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Send the token as 'Bearer <token>'."))
        parsed = parse_token(header[1])
        token = None
        if parsed is not None:
            token = (
                PartnerToken.objects.select_related("municipality").filter(key_id=parsed[0]).first()
            )
        if token is None or not token.matches(parsed[1]):
            raise exceptions.AuthenticationFailed(_("This token is not valid."))
        if token.revoked_at is not None:
            raise exceptions.AuthenticationFailed(_("This token has been revoked."))
        if token.is_expired:
            raise exceptions.AuthenticationFailed(_("This token has expired."))
        token.touch()
        return PartnerSystem(token), token

    def authenticate_header(self, request: Request) -> str:
        return f'{self.keyword} realm="api"'
