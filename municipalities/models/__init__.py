from municipalities.models.membership import Membership
from municipalities.models.municipality import Municipality
from municipalities.models.workspace import Workspace

__all__ = ["Membership", "Municipality", "Workspace"]
