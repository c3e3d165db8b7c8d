"""The search app's models, each kind in its own module."""

from search.fallback_models import *  # noqa: F403
from search.fallback_models import __all__ as _fallback_all
from search.outbox_models import *  # noqa: F403
from search.outbox_models import __all__ as _outbox_all
from search.query_log_models import *  # noqa: F403
from search.query_log_models import __all__ as _query_log_all
from search.synonym_models import *  # noqa: F403
from search.synonym_models import __all__ as _synonym_all

__all__ = [*_fallback_all, *_outbox_all, *_synonym_all, *_query_log_all]
