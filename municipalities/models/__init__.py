from municipalities.models.membership import Membership, Role
from municipalities.models.municipality import Municipality
from municipalities.models.workspace import Workspace

__all__ = ["Membership", "Municipality", "Role", "Workspace"]
