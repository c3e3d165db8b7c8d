"""The kinds of notification a user can set a preference for, with their Dutch names.

An app that notifies registers its kinds once (in its AppConfig.ready), so the
preferences page can offer them; a kind nobody registered still works and is named
by its code.
"""

from django.utils.functional import Promise

_LABELS: dict[str, str | Promise] = {}


def register(kind: str, label: str | Promise) -> None:
    _LABELS[kind] = label


def label(kind: str) -> str:
    return str(_LABELS.get(kind, kind))


def registered() -> list[tuple[str, str]]:
    """(kind, label) of every registered kind, in the order they were registered."""
    return [(kind, str(name)) for kind, name in _LABELS.items()]
